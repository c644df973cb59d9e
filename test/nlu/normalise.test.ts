import { describe, expect, it } from 'vitest';
import { normalise, normaliseTokens } from '../../src/nlu/normalise.js';

const same = (a: string, b: string) => expect(normalise(a)).toBe(normalise(b));

describe('normalise: Russian Cyrillic and its Latin romanisations meet', () => {
  it.each([
    ['зарплата не платят', 'zarplata ne platyat'],
    ['хозяин забрал паспорт', 'khozyain zabral pasport'],
    ['хозяин забрал паспорт', 'xozyain zabral pasport'],
    ['хозяин забрал паспорт', 'hozyain zabral pasport'],
    ['жена', 'zhena'],
    ['жена', 'jena'],
    ['щас', 'schas'],
    ['ещё', 'eshche'],
    ['ты вы мы', 'ty vy my'],
    ['ты вы мы', 'ti vi mi'],
    ['мой новый', 'moi noviy'],
    ['мой новый', 'moy novyy'],
    ['бьют', "b'yut"],
    ['платят', 'platyat'],
    ['помогите', 'POMOGITE'],
    ['цена', 'tsena'],
    ['чай', 'chai'],
  ])('%s == %s', (a, b) => same(a, b));

  it('produces the documented canonical Latin form', () => {
    expect(normalise('Зарплата не платят!!!')).toBe('zarplata ne platyat!');
    expect(normalise('хозяин забрал паспорт')).toBe('hozyain zabral pasport');
    expect(normalise('Ёлка Щука Жук Цех')).toBe('elka shuka juk tseh');
  });
});

describe('normalise: Azerbaijani / Turkish / Uzbek', () => {
  it('folds diacritics and dotted/dotless i', () => {
    expect(normalise('Mənim pasportumu ƏLİNDƏN aldı')).toBe('menim pasportumu elinden aldi');
    expect(normalise('İşləmirəm, çox ağır, Göz, Üz')).toBe('islemirem, coh agir, goz, uz');
    expect(normalise('İSTANBUL ıslak IĞDIR')).toBe('istanbul islak igdir');
    expect(normalise('İ')).not.toMatch(/\u0307/);
  });
  it('maps Azerbaijani Cyrillic to the Latin form', () => {
    same('Мәним пасспортуму алыб', 'Mənim passportumu alıb');
    same('ҹаваб', 'cavab');
  });
  it('unifies Uzbek apostrophe variants and Uzbek Cyrillic', () => {
    const forms = ["yo'q", 'yoʻq', 'yo‘q', 'yo’q', 'yoʼq', 'yo`q', 'йўқ'];
    for (const f of forms) expect(normalise(f)).toBe("yo'q");
    same('Хўжайин паспортимни олди', "Xo'jayin pasportimni oldi");
    same("g'azab", 'ғазаб');
    same('қўрқаман', "qo'rqaman");
    same('ҳозир', 'hozir');
  });
  it('drops apostrophes that are not Uzbek o\'/g\'', () => {
    expect(normalise("don't can't")).toBe('dont cant');
    expect(normalise("ma'lumot")).toBe('malumot');
  });
});

describe('normalise: Arabic script', () => {
  it('unifies Arabic/Persian/Urdu letter variants', () => {
    same('كارفرما پاسپورتم را گرفته', 'کارفرما پاسپورتم را گرفته');
    same('مالک نے پاسپورٹ لے لیا ہے', 'مالک نی پاسپورٹ لی لیا هی');
    same('يک', 'یک');
    same('مدرسة', 'مدرسه');
    same('أنا إلى آخر', 'انا الی اخر');
  });
  it('removes tatweel, harakat and ZWNJ; maps digits', () => {
    same('كـــتاب', 'کتاب');
    same('كِتَابٌ', 'کتاب');
    expect(normalise('می\u200cخواهم')).toBe('میخواهم');
    expect(normalise('۱۲۳ ٤٥٦ १२ ১২')).toBe('123 456 12 12');
    expect(normalise('چه کار کنم؟')).toBe('چه کار کنم?');
  });
});

describe('normalise: other scripts survive', () => {
  it('keeps Devanagari/Bengali vowel signs, Georgian and CJK', () => {
    expect(normalise('मेरा पासपोर्ट ले लिया')).toBe('मेरा पासपोर्ट ले लिया');
    expect(normalise('ბოსმა პასპორტი წამართვა')).toBe('ბოსმა პასპორტი წამართვა');
    expect(normalise('老板拿走了我的护照。')).toBe('老板拿走了我的护照.');
    same('ज़बरदस्ती', 'जबरदस्ती');
  });
});

describe('normalise: junk and robustness', () => {
  it('removes zero-width and control characters', () => {
    expect(normalise('pass\u200bport\u200d \u2060taken\ufeff')).toBe('passport taken');
    expect(normalise('a\u0000b\u0007c\u001b')).toBe('abc');
    expect(normalise('pass\u00adport')).toBe('passport');
  });
  it('drops emoji and symbols consistently (as a space)', () => {
    expect(normalise('help 😭🙏 me')).toBe('help me');
    expect(normalise('help😭me')).toBe('help me');
    expect(normalise('👍')).toBe('');
    expect(normalise('👨‍👩‍👧 family')).toBe('famili');
  });
  it('does not throw on lone surrogates and drops them', () => {
    expect(() => normalise('bad \uD800 surrogate \uDC00 x\uDBFF')).not.toThrow();
    expect(normalise('bad \uD800 surrogate \uDC00 x\uDBFF')).toBe('bad surrogate h');
  });
  it('collapses whitespace and squeezes repeated letters to one', () => {
    expect(normalise('  pleeeease \n\t helllp   me  ')).toBe('please help me');
    expect(normalise('помогитеееее')).toBe('pomogite');
    expect(normalise('hello')).toBe('hello');
    expect(normalise('what???!!! now')).toBe('what? now');
  });
  it('handles empty and non-string input', () => {
    expect(normalise('')).toBe('');
    expect(normalise('   ')).toBe('');
    expect(normalise(undefined as unknown as string)).toBe('');
  });
  it('NFKC: full-width and compatibility forms', () => {
    expect(normalise('ＰＡＳＳＰＯＲＴ')).toBe('passport');
    expect(normalise('ﬁle')).toBe('file');
  });
});

describe('normalise: idempotent', () => {
  const samples = [
    'Зарплата не платят!!! 😡', 'Mənim pasportumu ƏLİNDƏN aldı', 'Хўжайин паспортимни олди',
    'كارفرما پاسپورتم را گرفته ے ہ', 'मेरा पासपोर्ट ले लिया', 'kkkhhh sssccchhh yyy iiii zzhh xx',
    "o''g'' 'a' y'a", 'новый, ты... ', 'Ich weiß nicht. Äöü', 'he\u200bllo\u0000 wor\uD800ld 😀 ok??',
    'shchshch kkh ssch zzh yyya', '10:30, 1.5 kg', 'ııııİİİ',
  ];
  it.each(samples)('%s', (s) => {
    const once = normalise(s);
    expect(normalise(once)).toBe(once);
  });
  it('random strings', () => {
    const alphabet = 'aeioyuszhkcxgj\'ʻ .,?!İıəЖжщЩхыйьюяўғқәے ہھيك\u200b\u0640😀';
    let seed = 42;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let n = 0; n < 2000; n++) {
      let s = '';
      const len = 1 + Math.floor(rnd() * 20);
      for (let i = 0; i < len; i++) s += [...alphabet][Math.floor(rnd() * [...alphabet].length)];
      const once = normalise(s);
      expect(normalise(once), JSON.stringify(s)).toBe(once);
    }
  });
});

describe('normaliseTokens', () => {
  it('splits into word tokens without punctuation', () => {
    expect(normaliseTokens('Hello, мир! yoʻq? मेरा पासपोर्ट')).toEqual(['hello', 'mir', "yo'q", 'मेरा', 'पासपोर्ट']);
    expect(normaliseTokens('😀')).toEqual([]);
  });
});
