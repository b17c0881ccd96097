//! English abbreviations and sentence starters. The Latin-script entries are
//! shared by every language, since "Inc." and "U.S." appear in Russian and
//! Arabic news as well.

use crate::segment::rules::Lists;

#[rustfmt::skip]
pub(crate) static LISTS: Lists = Lists {
    // Titles and ranks before a name.
    prepositive: &[
        "det", "mr", "mrs", "ms", "messrs", "mmes", "dr", "drs", "prof", "profs", "gen", "sen", "sens",
        "rep", "reps", "gov", "lt", "col", "capt", "cmdr", "cdr", "comdr", "adm", "maj", "brig",
        "sgt", "cpl", "pvt", "rev", "hon", "pres", "supt", "insp", "mt", "mts", "fr", "atty",
        "gens", "gov", "sec", "amb", "msgr", "mme", "mlle"
    ],
    // Never the last word of a sentence.
    never: &["e.g", "i.e", "vs", "v", "viz", "cf", "approx", "incl", "a.k.a", "esp", "ibid"],
    // Before a number: "No. 5", "p. 55", "Jan. 5".
    before_number: &[
        "no", "nos", "nr", "p", "pp", "vol", "vols", "fig", "figs", "art", "arts", "ch", "chap",
        "para", "paras", "pg", "op", "tel", "ext", "ca", "c", "n°", "№", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rt", "sq", "pt", "pts", "bk",
        "ed", "eds"
    ],
    // May end a sentence, often before a name: "Apple Inc. Chief Executive".
    // The U.S. states are AP style ("Sacramento, Calif."), leaving out those
    // that are also common words (Ill., Mass., Wash., Me.).
    ambiguous: &[
        "inc", "ltd", "co", "corp", "llc", "plc", "bros", "jr", "sr", "st", "ave", "blvd", "rd",
        "hwy", "dept", "univ", "assn", "est", "govt", "intl", "mfg", "cos", "cie", "u.s", "u.k",
        "u.n", "e.u", "u.s.a", "d.c", "ph.d", "m.d", "b.a", "m.a", "calif", "fla", "conn", "ariz",
        "colo", "mich", "minn", "wis", "okla", "tenn", "ala", "ark", "kan", "neb", "nev", "tex",
        "ga", "va", "md", "ky", "mont", "wyo", "vt", "n.y", "n.j", "n.c", "s.c", "n.h", "r.i",
        "n.m", "n.d", "s.d", "w.va"
    ],
    // Usually the end of a phrase.
    terminal: &["etc", "al", "a.m", "p.m", "ret", "mins", "hrs", "yrs"],
    // Units after a number.
    after_number: &["ft", "lb", "lbs", "oz", "mi", "yd", "yds", "km", "kg", "min", "hr"],
    // Words that commonly begin a sentence, in lower case: function words,
    // and plural nouns that news sentences open with but that never follow
    // "U.S." as part of a name ("the U.S. Officials" would be lowercase).
    starters: &[
        "a", "about", "according", "after", "afterwards", "again", "all", "also", "although", "an",
        "and", "another", "any", "are", "as", "at", "because", "before", "both", "but", "by", "can",
        "could", "did", "do", "does", "during", "each", "earlier", "either", "even", "every", "few",
        "for", "from", "further", "had", "has", "have", "he", "her", "here", "his", "how",
        "however", "i", "if", "in", "instead", "is", "it", "its", "last", "later", "let", "many",
        "meanwhile", "more", "moreover", "most", "much", "my", "neither", "nevertheless", "next",
        "no", "none", "nor", "not", "now", "of", "on", "once", "one", "only", "or", "other",
        "others", "our", "over", "perhaps", "please", "she", "should", "since", "so", "some",
        "still", "such", "that", "the", "their", "then", "there", "therefore", "these", "they",
        "this", "those", "though", "thus", "to", "today", "under", "unlike", "until", "was", "we",
        "were", "what", "when", "where", "whether", "which", "while", "who", "why", "will", "with",
        "without", "would", "yes", "yesterday", "yet", "you", "your", "officials", "analysts",
        "police", "authorities", "experts", "investors", "residents", "witnesses", "critics",
        "sources", "doctors", "scientists", "researchers", "prosecutors", "lawmakers", "voters",
        "protesters", "rescuers", "firefighters", "shares", "prices", "talks", "people", "several"
    ],
    starter_prefixes: &[],
    continuers: &[
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
        "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt", "et", "ct",
        "pt", "gmt", "utc", "bst", "cet", "cest", "eastern", "pacific", "central", "mountain"
    ],
    prefix_exceptions: &[],
    speech_verbs: &[
        "said", "says", "added", "asked", "told", "wrote", "reported", "explained", "continued",
        "tweeted", "replied", "recalled", "noted", "insisted", "warned", "declared", "shouted",
        "yelled", "cried", "wondered", "stated", "posted", "responded", "admitted", "joked",
    ],
};
