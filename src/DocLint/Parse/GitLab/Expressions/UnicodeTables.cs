using System.Globalization;
using System.Text;

namespace DocLint.Parse.GitLab.Expressions;

/// <summary>
/// Unicode data RE2 needs, derived from .NET's tables (RE2 ships its own generated tables; the Unicode versions can differ
/// slightly, which only matters for very recently assigned characters).
/// </summary>
internal static class UnicodeTables
{
    private static readonly Lazy<FoldData> Folds = new(BuildFolds, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly Lazy<Dictionary<UnicodeCategory, CodePointSet>> Categories = new(BuildCategories, LazyThreadSafetyMode.ExecutionAndPublication);

    private sealed record FoldData(int[] Cased, Dictionary<int, int[]> Orbits);

    /// <summary>The other members of <paramref name="cp"/>'s simple case-folding orbit (empty when it has none).</summary>
    public static IReadOnlyList<int> FoldOrbit(int cp) =>
        Folds.Value.Orbits.TryGetValue(cp, out var o) ? o : Array.Empty<int>();

    public static void ForEachCasedInRange(int lo, int hi, Action<int> action)
    {
        var cased = Folds.Value.Cased;
        int i = Array.BinarySearch(cased, lo);
        if (i < 0) i = ~i;
        for (; i < cased.Length && cased[i] <= hi; i++) action(cased[i]);
    }

    // Orbits from the simple upper/lower mappings, which for practical purposes equals RE2's orbits built from
    // CaseFolding.txt (C+S): {k, K, U+212A}, {s, S, U+017F}, {ß, ẞ}, {Σ, σ, ς}, ...
    // U+0130 and U+0131 are excluded: they have no simple case folding (only Turkic 'T' mappings), so RE2 does not
    // put them in the orbit of i/I, but .NET's invariant simple mappings would.
    private static FoldData BuildFolds()
    {
        var parent = new Dictionary<int, int>();
        int Find(int x)
        {
            if (!parent.TryGetValue(x, out var p)) { parent[x] = x; return x; }
            if (p == x) return x;
            var root = Find(p);
            parent[x] = root;
            return root;
        }
        void Union(int a, int b)
        {
            if (a == b || a is 0x130 or 0x131 || b is 0x130 or 0x131) return;
            int ra = Find(a), rb = Find(b);
            if (ra != rb) parent[ra] = rb;
        }

        for (int cp = 0; cp <= CodePointSet.MaxRune; cp++)
        {
            if (cp is >= 0xD800 and <= 0xDFFF) continue;
            var r = new Rune(cp);
            Union(cp, Rune.ToUpperInvariant(r).Value);
            Union(cp, Rune.ToLowerInvariant(r).Value);
        }

        // CaseFolding.txt maps U+017F LATIN SMALL LETTER LONG S to 's' (so RE2's orbit is {S, s, ſ}), but .NET's invariant
        // casing deliberately has no non-ASCII -> ASCII mapping for it.
        Union(0x017F, 's');

        var groups = new Dictionary<int, List<int>>();
        foreach (var cp in parent.Keys)
        {
            var root = Find(cp);
            if (!groups.TryGetValue(root, out var list)) groups[root] = list = new List<int>();
            list.Add(cp);
        }

        var orbits = new Dictionary<int, int[]>();
        foreach (var g in groups.Values)
        {
            if (g.Count < 2) continue;
            foreach (var cp in g) orbits[cp] = g.Where(x => x != cp).OrderBy(x => x).ToArray();
        }
        var cased = orbits.Keys.OrderBy(x => x).ToArray();
        return new FoldData(cased, orbits);
    }

    private static Dictionary<UnicodeCategory, CodePointSet> BuildCategories()
    {
        var map = new Dictionary<UnicodeCategory, CodePointSet>();
        foreach (UnicodeCategory c in Enum.GetValues<UnicodeCategory>()) map[c] = new CodePointSet();
        int start = 0;
        var current = CharUnicodeInfo.GetUnicodeCategory(0);
        for (int cp = 1; cp <= CodePointSet.MaxRune + 1; cp++)
        {
            var cat = cp <= CodePointSet.MaxRune ? CharUnicodeInfo.GetUnicodeCategory(cp) : (UnicodeCategory)(-1);
            if (cat != current)
            {
                map[current].Add(start, cp - 1);
                start = cp;
                current = cat;
            }
        }
        foreach (var set in map.Values) set.Normalize(); // published to all threads by Lazy<T>
        return map;
    }

    private static readonly Dictionary<string, UnicodeCategory[]> GeneralCategories = new(StringComparer.Ordinal)
    {
        ["Lu"] = [UnicodeCategory.UppercaseLetter],
        ["Ll"] = [UnicodeCategory.LowercaseLetter],
        ["Lt"] = [UnicodeCategory.TitlecaseLetter],
        ["Lm"] = [UnicodeCategory.ModifierLetter],
        ["Lo"] = [UnicodeCategory.OtherLetter],
        ["Mn"] = [UnicodeCategory.NonSpacingMark],
        ["Mc"] = [UnicodeCategory.SpacingCombiningMark],
        ["Me"] = [UnicodeCategory.EnclosingMark],
        ["Nd"] = [UnicodeCategory.DecimalDigitNumber],
        ["Nl"] = [UnicodeCategory.LetterNumber],
        ["No"] = [UnicodeCategory.OtherNumber],
        ["Zs"] = [UnicodeCategory.SpaceSeparator],
        ["Zl"] = [UnicodeCategory.LineSeparator],
        ["Zp"] = [UnicodeCategory.ParagraphSeparator],
        ["Cc"] = [UnicodeCategory.Control],
        ["Cf"] = [UnicodeCategory.Format],
        ["Cs"] = [UnicodeCategory.Surrogate],
        ["Co"] = [UnicodeCategory.PrivateUse],
        ["Pc"] = [UnicodeCategory.ConnectorPunctuation],
        ["Pd"] = [UnicodeCategory.DashPunctuation],
        ["Ps"] = [UnicodeCategory.OpenPunctuation],
        ["Pe"] = [UnicodeCategory.ClosePunctuation],
        ["Pi"] = [UnicodeCategory.InitialQuotePunctuation],
        ["Pf"] = [UnicodeCategory.FinalQuotePunctuation],
        ["Po"] = [UnicodeCategory.OtherPunctuation],
        ["Sm"] = [UnicodeCategory.MathSymbol],
        ["Sc"] = [UnicodeCategory.CurrencySymbol],
        ["Sk"] = [UnicodeCategory.ModifierSymbol],
        ["So"] = [UnicodeCategory.OtherSymbol],
        ["L"] = [UnicodeCategory.UppercaseLetter, UnicodeCategory.LowercaseLetter, UnicodeCategory.TitlecaseLetter, UnicodeCategory.ModifierLetter, UnicodeCategory.OtherLetter],
        ["M"] = [UnicodeCategory.NonSpacingMark, UnicodeCategory.SpacingCombiningMark, UnicodeCategory.EnclosingMark],
        ["N"] = [UnicodeCategory.DecimalDigitNumber, UnicodeCategory.LetterNumber, UnicodeCategory.OtherNumber],
        ["Z"] = [UnicodeCategory.SpaceSeparator, UnicodeCategory.LineSeparator, UnicodeCategory.ParagraphSeparator],
        // RE2's tables are generated from UnicodeData.txt, which lists no unassigned (Cn) code points.
        ["C"] = [UnicodeCategory.Control, UnicodeCategory.Format, UnicodeCategory.Surrogate, UnicodeCategory.PrivateUse],
        ["P"] = [UnicodeCategory.ConnectorPunctuation, UnicodeCategory.DashPunctuation, UnicodeCategory.OpenPunctuation, UnicodeCategory.ClosePunctuation, UnicodeCategory.InitialQuotePunctuation, UnicodeCategory.FinalQuotePunctuation, UnicodeCategory.OtherPunctuation],
        ["S"] = [UnicodeCategory.MathSymbol, UnicodeCategory.CurrencySymbol, UnicodeCategory.ModifierSymbol, UnicodeCategory.OtherSymbol],
    };

    /// <summary>Unicode script names RE2 knows (Scripts.txt). .NET has no script data, so DocLint cannot evaluate them.</summary>
    private static readonly HashSet<string> ScriptNames = new(StringComparer.Ordinal)
    {
        "Adlam", "Ahom", "Anatolian_Hieroglyphs", "Arabic", "Armenian", "Avestan", "Balinese", "Bamum", "Bassa_Vah", "Batak",
        "Bengali", "Bhaiksuki", "Bopomofo", "Brahmi", "Braille", "Buginese", "Buhid", "Canadian_Aboriginal", "Carian",
        "Caucasian_Albanian", "Chakma", "Cham", "Cherokee", "Chorasmian", "Common", "Coptic", "Cuneiform", "Cypriot",
        "Cypro_Minoan", "Cyrillic", "Deseret", "Devanagari", "Dives_Akuru", "Dogra", "Duployan", "Egyptian_Hieroglyphs",
        "Elbasan", "Elymaic", "Ethiopic", "Garay", "Georgian", "Glagolitic", "Gothic", "Grantha", "Greek", "Gujarati",
        "Gunjala_Gondi", "Gurmukhi", "Gurung_Khema", "Han", "Hangul", "Hanifi_Rohingya", "Hanunoo", "Hatran", "Hebrew",
        "Hiragana", "Imperial_Aramaic", "Inherited", "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Javanese", "Kaithi",
        "Kannada", "Katakana", "Kawi", "Kayah_Li", "Kharoshthi", "Khitan_Small_Script", "Khmer", "Khojki", "Khudawadi",
        "Kirat_Rai", "Lao", "Latin", "Lepcha", "Limbu", "Linear_A", "Linear_B", "Lisu", "Lycian", "Lydian", "Mahajani",
        "Makasar", "Malayalam", "Mandaic", "Manichaean", "Marchen", "Masaram_Gondi", "Medefaidrin", "Meetei_Mayek",
        "Mende_Kikakui", "Meroitic_Cursive", "Meroitic_Hieroglyphs", "Miao", "Modi", "Mongolian", "Mro", "Multani", "Myanmar",
        "Nabataean", "Nag_Mundari", "Nandinagari", "New_Tai_Lue", "Newa", "Nko", "Nushu", "Nyiakeng_Puachue_Hmong", "Ogham",
        "Ol_Chiki", "Ol_Onal", "Old_Hungarian", "Old_Italic", "Old_North_Arabian", "Old_Permic", "Old_Persian", "Old_Sogdian",
        "Old_South_Arabian", "Old_Turkic", "Old_Uyghur", "Oriya", "Osage", "Osmanya", "Pahawh_Hmong", "Palmyrene",
        "Pau_Cin_Hau", "Phags_Pa", "Phoenician", "Psalter_Pahlavi", "Rejang", "Runic", "Samaritan", "Saurashtra", "Sharada",
        "Shavian", "Siddham", "SignWriting", "Sinhala", "Sogdian", "Sora_Sompeng", "Soyombo", "Sundanese", "Sunuwar",
        "Syloti_Nagri", "Syriac", "Tagalog", "Tagbanwa", "Tai_Le", "Tai_Tham", "Tai_Viet", "Takri", "Tamil", "Tangsa",
        "Tangut", "Telugu", "Thaana", "Thai", "Tibetan", "Tifinagh", "Tirhuta", "Todhri", "Toto", "Tulu_Tigalari",
        "Ugaritic", "Vai", "Vithkuqi", "Wancho", "Warang_Citi", "Yezidi", "Yi", "Zanabazar_Square",
    };

    public enum GroupLookup { Found, Script, Unknown }

    /// <summary>Looks up an RE2 Unicode group name (<c>\p{Name}</c>): "Any", a general category, or a script.</summary>
    public static GroupLookup TryGetGroup(string name, out CodePointSet? set)
    {
        set = null;
        if (name == "Any")
        {
            set = CodePointSet.Of((0, CodePointSet.MaxRune));
            return GroupLookup.Found;
        }
        if (GeneralCategories.TryGetValue(name, out var cats))
        {
            set = new CodePointSet();
            foreach (var c in cats) set.AddSet(Categories.Value[c]);
            set.Normalize();
            return GroupLookup.Found;
        }
        return ScriptNames.Contains(name) ? GroupLookup.Script : GroupLookup.Unknown;
    }

    /// <summary>True for the categories RE2 accepts in capture-group names (Lu Ll Lt Lm Lo Nl Mn Mc Nd Pc).</summary>
    public static bool IsCaptureNameRune(int cp)
    {
        switch (CharUnicodeInfo.GetUnicodeCategory(cp))
        {
            case UnicodeCategory.UppercaseLetter:
            case UnicodeCategory.LowercaseLetter:
            case UnicodeCategory.TitlecaseLetter:
            case UnicodeCategory.ModifierLetter:
            case UnicodeCategory.OtherLetter:
            case UnicodeCategory.LetterNumber:
            case UnicodeCategory.NonSpacingMark:
            case UnicodeCategory.SpacingCombiningMark:
            case UnicodeCategory.DecimalDigitNumber:
            case UnicodeCategory.ConnectorPunctuation:
                return true;
            default:
                return false;
        }
    }
}
