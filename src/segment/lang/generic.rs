//! Generic rules for every other language, tuned for the European languages
//! used in evaluation (German and French): their titles, abbreviations and
//! sentence starters, on top of the shared Latin list in [`super::en`].

use crate::segment::rules::Lists;

#[rustfmt::skip]
pub(crate) static LISTS: Lists = Lists {
    prepositive: &[
        "hr", "hrn", "frl", "dr", "prof", "st", "mme", "mlle", "me", "mgr", "ste", "gebr", "dipl",
        "ing", "mag", "sr", "sra", "srta", "sig", "dott", "gen", "lt", "ü"
    ],
    never: &[
        "z.b", "d.h", "u.a", "o.ä", "u.ä", "v.a", "z.t", "s.o", "s.u", "u.u", "bzw", "vgl", "sog",
        "ggf", "evtl", "inkl", "zit", "zzgl", "ca", "resp", "cf", "cit", "i.e", "e.g"
    ],
    before_number: &[
        "nr", "s", "abs", "art", "bd", "hft", "jg", "tel", "kap", "no", "p", "env", "vol", "éd",
        "t", "chap", "n°", "№", "ziff", "lit", "pag"
    ],
    ambiguous: &["co", "cie", "inc", "ltd", "corp", "gmbh", "ag", "bros", "jr", "str", "av"],
    terminal: &["usw", "etc", "u.s.w", "mio", "mrd", "jh", "jhd", "chr"],
    // "5 Fr." is francs in Swiss texts, "Fr. Meier" is Frau Meier.
    after_number: &["fr", "rp", "std", "min", "sek", "km", "kg", "m", "h", "ha", "j"],
    starters: &[
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "er", "sie", "es", "wir",
        "ich", "ihr", "man", "am", "im", "in", "auf", "bei", "mit", "nach", "von", "vom", "zum",
        "zur", "zu", "aber", "und", "oder", "doch", "dann", "da", "so", "als", "wenn", "wie", "was",
        "wer", "wo", "nun", "auch", "dies", "diese", "dieser", "dieses", "heute", "damit", "dort",
        "hier", "jetzt", "noch", "nicht", "kein", "keine", "unser", "unsere", "sein", "seine",
        "ihre", "beim", "für", "gegen", "ohne", "um", "über", "unter", "vor", "während", "weil",
        "obwohl", "trotzdem", "daher", "deshalb", "schon", "erst", "denn", "später", "dabei",
        "danach", "dazu", "zudem", "außerdem", "allerdings", "jedoch", "le", "la", "les", "l", "il",
        "elle", "ils", "elles", "on", "nous", "vous", "je", "un", "une", "du", "ce", "cette", "ces",
        "cet", "mais", "et", "puis", "dans", "en", "au", "aux", "sur", "pour", "par", "avec", "si",
        "quand", "comme", "alors", "donc", "cependant", "pourtant", "ainsi", "depuis", "après",
        "avant", "selon", "lors", "c", "d", "son", "sa", "ses", "leur", "leurs", "notre", "votre",
        "qui", "que", "où", "y", "mon", "ma", "mes", "tout", "tous", "toute", "toutes", "plus",
        "the", "a", "an", "it", "he", "she", "we", "they", "this", "but", "and", "in", "i"
    ],
    starter_prefixes: &[],
    continuers: &[
        "januar", "februar", "märz", "april", "mai", "juni", "juli", "august", "september",
        "oktober", "november", "dezember", "montag", "dienstag", "mittwoch", "donnerstag",
        "freitag", "samstag", "sonntag"
    ],
    prefix_exceptions: &[],
    speech_verbs: &[],
};
