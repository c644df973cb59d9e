// Evidence for language ID that fastText's lid.176 lacks: it was trained on Wikipedia-style text
// in each language's standard script, so it calls "menim pasportumu goturub" Turkish,
// "pomogite mne" French and "mera passport le liya" French. Users here write Azerbaijani without
// diacritics, Russian and Urdu in Latin letters, and Taglish. These short lists of frequent
// function words and chat words (lower case, diacritics folded) tip the balance.

export const LATIN_KEYWORDS: Record<string, readonly string[]> = {
  en: [
    'the', 'my', 'is', 'are', 'i', 'im', 'you', 'me', 'not', 'dont', 'please', 'help', 'what', 'how',
    'where', 'can', 'do', 'does', 'have', 'has', 'and', 'with', 'for', 'boss', 'work', 'job', 'money',
    'hello', 'thanks', 'thank', 'who', 'why', 'will', 'want', 'need', 'of', 'to', 'it', 'this', 'that',
  ],
  az: [
    'men', 'menim', 'menə', 'mene', 'menden', 'sen', 'biz', 'bizim', 'yox', 'yoxdur', 'var', 'vardir',
    'ucun', 'niye', 'nece', 'neyneyim', 'nedir', 'harda', 'hara', 'haqqinda', 'olar', 'olur', 'olsun',
    'edim', 'edirem', 'etmek', 'isleyirem', 'isde', 'isi', 'maas', 'maasimi', 'maasi', 'vermir',
    'vermirler', 'verir', 'deyir', 'bilmirem', 'bilirem', 'xahis', 'edirem', 'qanun', 'sened',
    'senedlerimi', 'pasportumu', 'aldi', 'gotur', 'goturub', 'heç', 'hec', 'amma', 've', 'ile',
    'sagol', 'sag', 'olun', 'tesekkur', 'edirem', 'salam', 'necesen', 'kome', 'komek', 'lazimdir',
    'isteyirem', 'ishci', 'isci', 'patron', 'mudur', 'ay', 'gun', 'indi', 'gore', 'bele', 'cox',
  ],
  tr: [
    'ben', 'benim', 'bana', 'beni', 'bir', 'icin', 'degil', 'mi', 'mu', 'misin', 'musun', 'nasil',
    'nerede', 'neden', 'yok', 'var', 'calisiyorum', 'calisma', 'isveren', 'patronum', 'maasimi',
    'maas', 'odemiyor', 'vermiyor', 'merhaba', 'tesekkur', 'tesekkurler', 'ederim', 'lutfen',
    'yardim', 'ama', 've', 'ile', 'gibi', 'cok', 'simdi', 'istiyorum', 'gerek', 'lazim', 'sey',
    'ne', 'kim', 'nereye', 'olur', 'oluyor', 'yapmaliyim', 'ediyor', 'diyor', 'hala', 'kimlik',
  ],
  uz: [
    'men', 'menga', 'meni', 'mening', 'ish', 'ishla', 'ishlayman', 'ishlayapman', 'ishxona', 'pul',
    'bermayapti', 'bermadi', 'qanday', 'nima', 'uchun', 'yoq', "yo'q", 'kerak', 'bor', 'emas',
    'rahmat', 'assalomu', 'alaykum', 'salom', "xo'jayin", 'hojayin', 'xojayin', 'maosh', 'oylik',
    'qilish', 'qiling', 'mumkin', 'ham', 'bilan', 'menda', 'qayerga', 'qayerda', 'nega', 'endi',
    'yordam', 'bering', 'ruxsat', 'hujjat', 'hujjatlarimni', 'olib', 'qoldi', 'ketdi', 'bo\'ladi',
    'boladi', 'qilaman', 'qildi', 'ayting', 'iltimos', 'aka', 'opa', 'kim', 'edi', 'yana',
  ],
  tl: [
    'ang', 'ng', 'mga', 'po', 'ako', 'ko', 'sa', 'na', 'hindi', 'amo', 'sahod', 'paano', 'pano', 'ba',
    'kasi', 'yung', 'naman', 'salamat', 'kumusta', 'kailangan', 'pwede', 'puwede', 'siya', 'niya',
    'namin', 'ninyo', 'lang', 'ako', 'ninyo', 'ito', 'iyan', 'ano', 'saan', 'bakit', 'wala', 'may',
    'meron', 'talaga', 'opo', 'dito', 'doon', 'kami', 'tayo', 'nila', 'ay', 'din', 'rin', 'nga',
  ],
  ur: [
    'mera', 'meri', 'mere', 'mujhe', 'mujhko', 'hai', 'hain', 'nahi', 'nahin', 'nhi', 'kya', 'kaise',
    'kaisay', 'ka', 'ki', 'ke', 'ko', 'se', 'aur', 'paisa', 'paise', 'paisay', 'tankhwah', 'tankha',
    'malik', 'kaam', 'karta', 'karti', 'raha', 'rahi', 'rahe', 'diya', 'liya', 'bhai', 'shukriya',
    'madad', 'chahiye', 'chahye', 'kab', 'kahan', 'hum', 'tum', 'aap', 'wala', 'wale', 'koi', 'kuch',
    'bhi', 'yahan', 'woh', 'yeh', 'mein', 'tha', 'thi', 'gaya', 'karo', 'karein', 'sakta', 'sakte',
  ],
  ru: [
    'ya', 'ne', 'mne', 'menya', 'moy', 'moi', 'moya', 'moyu', 'rabota', 'rabotu', 'rabotayu',
    'zarplata', 'zarplatu', 'zarplaty', 'hozyain', 'khozyain', 'pomogite', 'pomogi', 'chto', 'shto',
    'kak', 'gde', 'kogda', 'pochemu', 'net', 'eto', 'on', 'ona', 'oni', 'uje', 'uzhe', 'deneg',
    'dengi', 'platit', 'platyat', 'privet', 'spasibo', 'zdravstvuyte', 'pojaluysta', 'pozhaluysta',
    'mojno', 'mozhno', 'nado', 'nujno', 'nuzhno', 'bez', 'dokumenty', 'rabotodatel', 'mesyac',
    'mesyats', 'otdaet', 'otdayot', 'zabral', 'zabrali', 'u', 'menya', 'chto', 'delat', 'kuda',
    'vy', 'tebya', 'tut', 'seychas', 'skolko', 'ochen', 'esli', 'bolshe', 'nichego',
  ],
};

/** Languages a chat may keep for a short message in this script (so "salam" doesn't flip it). */
export const SCRIPT_LANGUAGES: Record<string, readonly string[]> = {
  latin: ['en', 'az', 'tr', 'uz', 'tl', 'ur', 'ru', 'hi', 'fa', 'tg', 'ky', 'id', 'ms', 'es', 'fr', 'de'],
  cyrillic: ['ru', 'uz', 'az', 'tg', 'ky', 'kk', 'uk', 'be', 'bg', 'sr', 'mk'],
  arabic: ['fa', 'ur', 'ar', 'ps'],
  devanagari: ['hi', 'ne', 'mr'],
};
