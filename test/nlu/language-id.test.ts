import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageIdentifier, type LanguageIdentifier } from '../../src/nlu/language-id.js';

let lid: LanguageIdentifier;
beforeAll(async () => {
  lid = await createLanguageIdentifier();
});

describe('language ID', () => {
  it('settles languages by script and letters', () => {
    expect(lid.identify('Mənim pasportumu götürüblər').language).toBe('az');
    expect(lid.identify('иш ҳақимни бермаяпти, ўзим нима қилай').language).toBe('uz');
    expect(lid.identify('маошамро намедиҳад, чӣ кор кунам').language).toBe('tg');
    expect(lid.identify('میرا پاسپورٹ مالک نے رکھ لیا ہے').language).toBe('ur');
    expect(lid.identify('کارفرما حقوق مرا نمی دهد').language).toBe('fa');
    expect(lid.identify('কোম্পানি বেতন দেয় না').language).toBe('bn');
    expect(lid.identify('მეპატრონე ხელფასს არ მიხდის').language).toBe('ka');
    expect(lid.identify('公司不给我工资').language).toBe('zh');
    expect(lid.identify('मालिक पैसे नहीं दे रहा').language).toBe('hi');
  });

  it('recognises Latin spellings lid.176 misses', () => {
    expect(lid.identify('pomogite mne rabotodatel ne platit zarplatu uje tri mesyaca').language).toBe('ru');
    expect(lid.identify('mera malik meri tankhwah nahi de raha hai').language).toBe('ur');
    expect(lid.identify('hindi po binabayaran ng amo ko ang sahod ko').language).toBe('tl');
    expect(lid.identify("xo'jayin ish haqimni bermayapti, nima qilay").language).toBe('uz');
    expect(lid.identify('patron maasimi vermir, ne edim bilmirem').language).toBe('az');
  });

  it('keeps the chat language on short messages', () => {
    expect(lid.identify('salam', 'ru').language).toBe('ru');
    expect(lid.identify('salam', 'az').language).toBe('az');
    expect(lid.identify('ok', 'uz').language).toBe('uz');
    expect(lid.identify('помогите', 'az').language).toBe('az');
    // …but not when the script rules the chosen language out
    expect(lid.identify('помогите', 'en').language).toBe('ru');
  });

  it('never throws and says und without letters', () => {
    expect(lid.identify('😀😀 123').language).toBe('und');
    expect(lid.identify('').language).toBe('und');
    expect(lid.identify('\ud800\udfff\u0000').language).toBeTypeOf('string');
  });
});
