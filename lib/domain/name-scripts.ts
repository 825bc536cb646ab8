/**
 * Whether a word of a name mixes writing systems, as look-alikes do: "Вob"
 * (a Cyrillic В before Latin letters) reads as "Bob" but is another name.
 * Unicode's rule for this (UTS #39, "highly restrictive"): the letters of
 * one word come from one script, or from one of the combinations people
 * really write in (Japanese: Han, Hiragana, Katakana; Chinese: Han,
 * Bopomofo; Korean: Han, Hangul; each also with Latin). Digits, marks and
 * punctuation belong to every script. Single-script names in any script
 * (Ζωή, Дмитрий, 山田太郎) pass.
 */

// Unicode's scripts, most used first (the first match ends the search). A name this engine does not know is skipped.
const SCRIPT_NAMES = [
  'Latin',
  'Cyrillic',
  'Greek',
  'Han',
  'Arabic',
  'Hebrew',
  'Hiragana',
  'Katakana',
  'Hangul',
  'Devanagari',
  'Thai',
  'Armenian',
  'Georgian',
  'Bengali',
  'Tamil',
  'Telugu',
  'Kannada',
  'Malayalam',
  'Gujarati',
  'Gurmukhi',
  'Oriya',
  'Sinhala',
  'Khmer',
  'Lao',
  'Myanmar',
  'Ethiopic',
  'Tibetan',
  'Mongolian',
  'Thaana',
  'Syriac',
  'Bopomofo',
  'Yi',
  'Cherokee',
  'Canadian_Aboriginal',
  'Tifinagh',
  'Nko',
  'Vai',
  'Adlam',
  'Javanese',
  'Balinese',
  'Sundanese',
  'Coptic',
  'Glagolitic',
  'Runic',
  'Ogham',
  'Gothic',
  'Ahom',
  'Anatolian_Hieroglyphs',
  'Avestan',
  'Bamum',
  'Bassa_Vah',
  'Batak',
  'Bhaiksuki',
  'Brahmi',
  'Braille',
  'Buginese',
  'Buhid',
  'Carian',
  'Caucasian_Albanian',
  'Chakma',
  'Cham',
  'Chorasmian',
  'Cuneiform',
  'Cypriot',
  'Cypro_Minoan',
  'Deseret',
  'Dives_Akuru',
  'Dogra',
  'Duployan',
  'Egyptian_Hieroglyphs',
  'Elbasan',
  'Elymaic',
  'Grantha',
  'Gunjala_Gondi',
  'Hanifi_Rohingya',
  'Hanunoo',
  'Hatran',
  'Imperial_Aramaic',
  'Inscriptional_Pahlavi',
  'Inscriptional_Parthian',
  'Kaithi',
  'Kawi',
  'Kayah_Li',
  'Kharoshthi',
  'Khitan_Small_Script',
  'Khojki',
  'Khudawadi',
  'Lepcha',
  'Limbu',
  'Linear_A',
  'Linear_B',
  'Lisu',
  'Lycian',
  'Lydian',
  'Mahajani',
  'Makasar',
  'Mandaic',
  'Manichaean',
  'Marchen',
  'Masaram_Gondi',
  'Medefaidrin',
  'Meetei_Mayek',
  'Mende_Kikakui',
  'Meroitic_Cursive',
  'Meroitic_Hieroglyphs',
  'Miao',
  'Modi',
  'Mro',
  'Multani',
  'Nabataean',
  'Nag_Mundari',
  'Nandinagari',
  'New_Tai_Lue',
  'Newa',
  'Nushu',
  'Nyiakeng_Puachue_Hmong',
  'Ol_Chiki',
  'Old_Hungarian',
  'Old_Italic',
  'Old_North_Arabian',
  'Old_Permic',
  'Old_Persian',
  'Old_Sogdian',
  'Old_South_Arabian',
  'Old_Turkic',
  'Old_Uyghur',
  'Osage',
  'Osmanya',
  'Pahawh_Hmong',
  'Palmyrene',
  'Pau_Cin_Hau',
  'Phags_Pa',
  'Phoenician',
  'Psalter_Pahlavi',
  'Rejang',
  'Samaritan',
  'Saurashtra',
  'Sharada',
  'Shavian',
  'Siddham',
  'SignWriting',
  'Sogdian',
  'Sora_Sompeng',
  'Soyombo',
  'Syloti_Nagri',
  'Tagalog',
  'Tagbanwa',
  'Tai_Le',
  'Tai_Tham',
  'Tai_Viet',
  'Takri',
  'Tangsa',
  'Tangut',
  'Tirhuta',
  'Toto',
  'Ugaritic',
  'Vithkuqi',
  'Wancho',
  'Warang_Citi',
  'Yezidi',
  'Zanabazar_Square',
  'Garay',
  'Gurung_Khema',
  'Kirat_Rai',
  'Ol_Onal',
  'Sunuwar',
  'Todhri',
  'Tulu_Tigalari',
  'Beria_Erfe',
  'Chisoi',
  'Sidetic',
  'Tai_Yo',
  'Tolong_Siki',
];

const SCRIPTS: { name: string; test: RegExp }[] = SCRIPT_NAMES.flatMap((name) => {
  try {
    return [{ name, test: new RegExp(`^\\p{Script=${name}}$`, 'u') }];
  } catch {
    return [];
  }
});

/** The combinations of several scripts one word may hold (UTS #39, highly restrictive). */
const ALLOWED_MIXES = [
  new Set(['Latin', 'Han', 'Hiragana', 'Katakana']),
  new Set(['Latin', 'Han', 'Bopomofo']),
  new Set(['Latin', 'Han', 'Hangul']),
];

const WORD = /[\p{L}\p{M}]+/gu;
const LETTER = /\p{L}/u;
const EVERY_SCRIPT = /[\p{Script=Common}\p{Script=Inherited}]/u;
const known = new Map<string, string>();

/** A letter's script; a letter of a script this engine cannot name is its own. */
function scriptOf(letter: string): string {
  let script = known.get(letter);
  if (script === undefined) {
    script = SCRIPTS.find((s) => s.test.test(letter))?.name ?? `U+${letter.codePointAt(0)!.toString(16)}`;
    known.set(letter, script);
  }
  return script;
}

/** The scripts of one word's letters, leaving out what every script uses. */
export function scriptsOf(word: string): Set<string> {
  const scripts = new Set<string>();
  for (const char of word) if (LETTER.test(char) && !EVERY_SCRIPT.test(char)) scripts.add(scriptOf(char));
  return scripts;
}

/** The first word of `text` whose letters mix scripts in a way no language writes, if any. */
export function mixedScriptWord(text: string): string | undefined {
  for (const [word] of text.matchAll(WORD)) {
    const scripts = scriptsOf(word);
    if (scripts.size <= 1) continue;
    if (!ALLOWED_MIXES.some((mix) => [...scripts].every((s) => mix.has(s)))) return word;
  }
  return undefined;
}
