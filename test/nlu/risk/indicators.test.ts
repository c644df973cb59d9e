import { describe, expect, it } from 'vitest';
import type { RiskIndicator } from '../../../src/contract.js';
import { detect } from './helpers.js';

// Fresh sentences (not copied from the cue files): each indicator must fire in en, ru and az.
const CASES: Record<RiskIndicator, [lang: string, text: string][]> = {
  document_retention: [
    ['en', 'The foreman collected all our passports on the first day'],
    ['ru', 'Бригадир собрал у всех паспорта и держит у себя в сейфе'],
    ['az', 'Usta bütün pasportlarımızı yığıb, qaytarmır'],
  ],
  wage_withholding: [
    ['en', 'We have not been paid for three months'],
    ['ru', 'Нам уже четвёртый месяц не выплачивают зарплату'],
    ['az', 'Patron iki aydır maaşımızı vermir'],
  ],
  restricted_movement: [
    ['en', 'At night the owner locks us inside the workshop'],
    ['ru', 'Хозяйка не выпускает меня из дома одну'],
    ['az', 'Sahibkar bizi fermadan çıxmağa qoymur'],
  ],
  physical_violence: [
    ['en', 'Yesterday the supervisor kicked my friend in the stomach'],
    ['ru', 'Прораб вчера избил моего земляка'],
    ['az', 'Ağa dünən qardaşımı döyüb'],
  ],
  sexual_violence: [
    ['en', "The madam's husband keeps groping me when she is out"],
    ['ru', 'Сын хозяйки постоянно ко мне пристаёт'],
    ['az', 'Müdirin oğlu mənə sataşır'],
  ],
  threats: [
    ['en', 'My boss threatened to hand me over to immigration'],
    ['ru', 'Шеф грозится сдать нас в миграционную службу'],
    ['az', 'Patron məni hədələyir ki, polisə verəcək'],
  ],
  debt_bondage: [
    ['en', 'The recruiter says we owe him for the flight and must work it off'],
    ['ru', 'Говорят, я должен отработать долг за перелёт'],
    ['az', 'Bilet pulunu borc yazıblar, borcu bitənə qədər işləməliyəm'],
  ],
  deception: [
    ['en', 'The agency promised a job as a waiter, it was a fake offer'],
    ['ru', 'Нас обманули с вакансией, работа оказалась совсем другая'],
    ['az', 'Agent bizi aldatdı, iş başqa çıxdı'],
  ],
  abusive_conditions: [
    ['en', 'Twelve of us sleep in a garage with no toilet'],
    ['ru', 'Живём в вагончике, кормят плохо, постоянно орут на нас'],
    ['az', 'Anbarda yatırıq, şərait çox pisdir'],
  ],
  excessive_hours: [
    ['en', 'I work 15 hours every day with no day off'],
    ['ru', 'Работаем по 16 часов, выходных нет вообще'],
    ['az', 'Gündə 15 saat işləyirik, istirahət günü yoxdur'],
  ],
  isolation: [
    ['en', 'They smashed my phone so I cannot contact my family'],
    ['ru', 'Хозяин отнял телефон, звонить домой не дают'],
    ['az', 'Telefonumu əlimdən aldılar, ailəmlə danışmağa qoymurlar'],
  ],
  child_involved: [
    ['en', 'Children as young as 12 are working at the brick kiln'],
    ['ru', 'Там несовершеннолетние девочки работают по ночам'],
    ['az', '13 yaşlı uşaqlar tarlada işləyir'],
  ],
  organ_removal: [
    ['en', 'A man at the hostel offered to buy my kidney for 5000 dollars'],
    ['ru', 'Мне предложили продать почку, чтобы закрыть долг'],
    ['az', 'Mənə böyrəyimi satmağı təklif etdilər'],
  ],
  self_harm: [
    ['en', 'Sometimes I think I should end my life'],
    ['ru', 'Больше не хочу жить так'],
    ['az', 'Artıq yaşamaq istəmirəm'],
  ],
  immediate_danger: [
    ['en', 'Please send help now, I am in danger'],
    ['ru', 'Спасите, за мной гонятся'],
    ['az', 'İmdad, məni axtarırlar'],
  ],
};

describe('every indicator fires in en, ru and az', () => {
  for (const [indicator, cases] of Object.entries(CASES)) {
    it.each(cases)(`${indicator} [%s] %s`, (lang, text) => {
      const r = detect(text, lang);
      expect(r.indicators).toContain(indicator);
      expect(r.situation).toBe(true);
    });
  }
});

describe('scripts and spellings', () => {
  it.each([
    ['hozyain zabral pasport i ne otdaet', 'document_retention'],
    ['khozyain ne platit zarplatu uzhe dva mesyatsa', 'wage_withholding'],
    ['brigadir nas b\'yut=', 'physical_violence'],
    ['nas zapirayut na noch', 'restricted_movement'],
    ['shef ugrojaet deportatsiey', 'threats'],
  ])('Latin-letter Russian: %s', (text, indicator) => {
    expect(detect(text.replace('=', ''), 'ru').indicators).toContain(indicator);
  });

  it.each([
    ['mudir pasportumu elinden aldi', 'document_retention'],
    ['patron 3 aydir maas vermir', 'wage_withholding'],
    ['usta meni doyur', 'physical_violence'],
    ['bizi otaga kilidleyirler', 'restricted_movement'],
    ['gunde 16 saat isleyirik', 'excessive_hours'],
    ['ozumu oldureceyem', 'self_harm'],
  ])('Azerbaijani without diacritics: %s', (text, indicator) => {
    expect(detect(text, 'az').indicators).toContain(indicator);
  });

  it('Azerbaijani in Cyrillic letters', () => {
    expect(detect('Мүдир паспортуму алыб', 'az').indicators).toContain('document_retention');
  });

  it('mixes languages in one message', () => {
    const r = detect('boss passport забрал, и maaş vermir', 'ru');
    expect(r.indicators).toEqual(['document_retention', 'wage_withholding']);
  });
});

describe('does not fire on ordinary questions', () => {
  it.each([
    ['en', 'How do I renew my work permit?'],
    ['en', 'Where can I take my passport to get a visa stamp?'],
    ['en', 'I have a bit of a problem with my registration'],
    ['ru', 'Как продлить регистрацию по месту пребывания?'],
    ['ru', 'Хочу подать жалобу в органы миграции'],
    ['az', 'Pasport almaq üçün hara getməliyəm?'],
    ['az', 'Pulum yoxdur, harada pulsuz hüquqşünas var?'],
  ])('[%s] %s', (lang, text) => {
    expect(detect(text, lang).indicators).toEqual([]);
  });
});
