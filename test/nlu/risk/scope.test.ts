import { describe, expect, it } from 'vitest';
import { detect, levelOf } from './helpers.js';

describe('negation suppresses a cue', () => {
  it.each([
    ['en', 'My boss did not take my passport'],
    ['en', 'Nobody has ever hit me at work'],
    ['en', "They never locked the door, I'm free to go"],
    ['ru', 'Паспорт не забирали, он у меня'],
    ['ru', 'Хозяин меня никогда не бил'],
    ['az', 'Patron pasportumu almayıb'],
    ['az', 'Müdir məni döyməyib'],
    ['az', 'Usta pasportumu götürmədi'],
    ['hi', 'malik ne mujhe nahi mara'],
  ])('[%s] %s', (lang, text) => {
    expect(detect(text, lang).indicators).toEqual([]);
  });

  it('keeps cues whose meaning is negative (negative concord)', () => {
    expect(detect('Никто нам не платит', 'ru').indicators).toEqual(['wage_withholding']);
    expect(detect("He won't let us leave the farm", 'en').indicators).toEqual(['restricted_movement']);
    expect(detect('Pasportumu qaytarmır', 'az').indicators).toEqual(['document_retention']);
  });

  it('a negation in another clause does not reach the cue', () => {
    expect(detect("I don't know what to do. He beats me", 'en').indicators).toEqual(['physical_violence']);
  });

  it("Russian 'не' does not negate Hindi 'ne' (ergative)", () => {
    expect(detect('seth ne passport le liya', 'hi').indicators).toEqual(['document_retention']);
  });
});

describe('hypotheticals suppress the clause', () => {
  it.each([
    ['en', 'What if my boss takes my passport?'],
    ['en', 'Can an employer keep a worker’s passport?'],
    ['en', 'Suppose they stop paying me, what then'],
    ['ru', 'Что будет, если хозяин заберёт паспорт'],
    ['ru', 'Если работодатель заберёт паспорт, что делать?'],
    ['ru', 'Может ли работодатель удерживать паспорт?'],
    ['az', 'Əgər müdir pasportumu alsa, nə edim?'],
    ['az', 'İşəgötürən pasportumu saxlaya bilərmi?'],
    ['az', 'Patron pasportumu alsa neyləyim'],
  ])('[%s] %s', (lang, text) => {
    const r = detect(text, lang);
    expect(r.indicators).toEqual([]);
    expect(r.hypothetical).toBe(true);
    expect(r.situation).toBe(false);
  });

  it('a conditional after the cue does not hide it', () => {
    expect(detect('He beats me if I am late', 'en').indicators).toEqual(['physical_violence']);
  });

  it('threats are conditional by nature and survive a bare "if"', () => {
    // A threat to kill is also immediate danger (docs/risk-cues.md, cue family 1).
    expect(detect('If I leave he will kill me', 'en').indicators.sort()).toEqual(['immediate_danger', 'threats']);
    expect(detect('Шеф сказал, если уйду — убьёт', 'ru').indicators.sort()).toEqual(['immediate_danger', 'threats']);
  });

  it('a hypothetical in one clause leaves a real statement in another', () => {
    const r = detect('They already took my passport. What if they also take my phone?', 'en');
    expect(r.indicators).toEqual(['document_retention']);
  });
});

describe('general questions', () => {
  it.each([
    ['en', 'Is it legal for employers to keep passports?'],
    ['en', 'What is debt bondage?'],
    ['ru', 'Что такое торговля людьми и долговая кабала?'],
    ['az', 'İnsan alveri nədir?'],
  ])('[%s] %s', (lang, text) => {
    const r = detect(text, lang);
    expect(r.indicators).toEqual([]);
    expect(r.situation).toBe(false);
  });

  it('a general frame with the user in it still counts', () => {
    expect(detect('Is it legal that my boss keeps my passport?', 'en').indicators).toEqual(['document_retention']);
  });

  it('reports general frames and personal clauses for the classifier and the level', () => {
    const general = detect('What is forced labour? Is it legal to hold a worker passport?', 'en');
    expect(general).toMatchObject({ general: true, personal: false });
    const mixed = detect('My employer keeps my passport. Is it legal?', 'en');
    expect(mixed).toMatchObject({ general: true, personal: true, indicators: ['document_retention'] });
    expect(detect('What if my boss takes my passport?', 'en').personal).toBe(false);
  });
});

describe('situation', () => {
  it.each([
    ['en', 'My brother works at a construction site in Sumgait'],
    ['en', 'I have a question about my contract'],
    ['ru', 'У меня вопрос про мой договор'],
    ['az', 'Qardaşım Bakıda tikintidə işləyir'],
    ['az', 'Müqaviləmi itirmişəm'],
  ])('[%s] %s is a real situation', (lang, text) => {
    expect(detect(text, lang).situation).toBe(true);
  });

  it.each([
    ['en', 'What documents does a migrant worker need?'],
    ['ru', 'Какие документы нужны для патента?'],
  ])('[%s] %s is not', (lang, text) => {
    expect(detect(text, lang).situation).toBe(false);
  });
});

describe('languages without a full lexicon yet escalate urgent danger', () => {
  it.each([
    ['bn', 'মালিক প্রতিদিন আমাকে মারধর করে'],
    ['bn', 'আমি আত্মহত্যা করতে চাই'],
    ['hi', 'मालिक मुझे रोज़ पीटता है'],
    ['hi', 'seth mujhe roz maarta hai'],
    ['hi', 'mujhe bachao, khatre mein hoon'],
    ['ne', 'साहुले मलाई कुट्यो'],
    ['ne', 'मलाई बचाउनुहोस्'],
    ['tg', 'Хӯҷаин ҳар рӯз маро мезанад'],
    ['tg', 'Наҷот диҳед, ман дар хатар ҳастам'],
  ])('[%s] %s', (lang, text) => {
    expect(levelOf(text, lang)).toBe('urgent');
  });

  it.each([
    ['bn', 'মালিক আমার পাসপোর্ট নিয়ে নিয়েছে'],
    ['hi', 'मालिक ने मेरा पासपोर्ट ले लिया'],
    ['ne', 'मालिकले मेरो राहदानी खोस्यो'],
    ['tg', 'Корфармо шиносномаи маро гирифт'],
  ])('[%s] passport held → high: %s', (lang, text) => {
    expect(levelOf(text, lang)).toBe('high');
  });
});
