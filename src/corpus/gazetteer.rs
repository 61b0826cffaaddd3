//! Tibet's administrative divisions: which prefecture a place belongs to.
//!
//! The page splitter ([`super::page`]) gives every item a `region`: the
//! prefecture-level division it is about. Newspapers name places at every
//! level (`拉萨市`, `尼木县`, `狮泉河`, `本报那曲电`), so this module owns the
//! one table that maps all of those names to their prefecture, and the scanner
//! that finds them in running text.
//!
//! # What the table holds
//!
//! * The seven prefecture-level divisions ([`PREFECTURES`]) and their short
//!   forms (`拉萨`, `阿里`, ...).
//! * All 74 county-level divisions, by prefecture, as of 2024: 米林 and 错那
//!   are cities (`米林市`, `错那市`) since 2023, 那曲's former 那曲县 is
//!   `色尼区`, 林芝县 is `巴宜区`. Former names are kept as aliases because
//!   older pages use them.
//! * Short forms of the counties, made by dropping the suffix 县/区/市
//!   (`日土县` → `日土`, as in the dateline `本报日土电`).
//! * Seats, towns, districts and zones that datelines and stories name on
//!   their own: `狮泉河` (seat of 噶尔县, 阿里地区), `泽当` (乃东区, 山南市),
//!   `樟木` (聂拉木县, 日喀则市), `柳梧新区` (拉萨市), ...
//! * Region-wide names: `西藏自治区`, `自治区`, `西藏` all map to [`REGION`].
//!
//! # Ambiguous names
//!
//! A few short forms are ordinary words or common personal names: `比如`
//! ("for example", 比如县), `尼玛` (a given name, 尼玛县), `城关` (every
//! county seat is a 城关镇), `定日`/`定结` (inside 规定日期, 确定结果),
//! `吉隆` (吉隆坡), `聂荣` (聂荣臻), `白朗`, `加查`. [`prefecture_of`], which
//! looks up a name standing on its own (such as a dateline place), accepts
//! them; [`mentions`], which scans running text, only finds their full forms.
//! `八一` is left out altogether: 林芝's 八一镇 is listed with its suffix, and
//! 拉萨 has an 八一街道 too, so a bare `八一` says nothing by itself.
//!
//! # Example
//!
//! ```text
//! mentions("日喀则聂拉木县气象局联合在樟木口岸开展")
//!   → 日喀则 (日喀则市) at byte 0, 聂拉木县 (日喀则市) at 9, 樟木 (日喀则市) at 39
//! prefecture_of("巴宜") → Some("林芝市")
//! ```

use std::collections::HashMap;
use std::sync::OnceLock;

/// The name used for items about Tibet as a whole.
pub const REGION: &str = "西藏自治区";

/// The prefecture-level divisions of Tibet.
pub const PREFECTURES: [&str; 7] = ["拉萨市", "日喀则市", "昌都市", "林芝市", "山南市", "那曲市", "阿里地区"];

/// Every county-level division (district 区, county 县, county-level city 市),
/// by prefecture, separated by spaces.
const COUNTIES: [(&str, &str); 7] = [
    ("拉萨市", "城关区 堆龙德庆区 达孜区 林周县 当雄县 尼木县 曲水县 墨竹工卡县"),
    ("日喀则市", "桑珠孜区 南木林县 江孜县 定日县 萨迦县 拉孜县 昂仁县 谢通门县 白朗县 仁布县 康马县 定结县 仲巴县 亚东县 吉隆县 聂拉木县 萨嘎县 岗巴县"),
    ("昌都市", "卡若区 江达县 贡觉县 类乌齐县 丁青县 察雅县 八宿县 左贡县 芒康县 洛隆县 边坝县"),
    ("林芝市", "巴宜区 米林市 工布江达县 墨脱县 波密县 察隅县 朗县"),
    ("山南市", "乃东区 扎囊县 贡嘎县 桑日县 琼结县 曲松县 措美县 洛扎县 加查县 隆子县 错那市 浪卡子县"),
    ("那曲市", "色尼区 嘉黎县 比如县 聂荣县 安多县 申扎县 索县 班戈县 巴青县 尼玛县 双湖县"),
    ("阿里地区", "噶尔县 普兰县 札达县 日土县 革吉县 改则县 措勤县"),
];

/// Other names that stand for a place in one prefecture: seats and towns used
/// in datelines, districts and zones below county level, former names.
const OTHER_PLACES: [(&str, &str); 45] = [
    // 拉萨市
    ("柳梧新区", "拉萨市"),
    ("柳梧", "拉萨市"),
    ("八廓街", "拉萨市"),
    ("吉日街道", "拉萨市"),
    ("吉崩岗街道", "拉萨市"),
    ("蔡公堂", "拉萨市"),
    ("东嘎街道", "拉萨市"),
    ("甘丹曲果镇", "拉萨市"),
    ("甘旦曲果镇", "拉萨市"),
    ("当曲卡镇", "拉萨市"),
    ("羊八井", "拉萨市"),
    ("堆龙德庆县", "拉萨市"),
    ("达孜县", "拉萨市"),
    ("堆龙", "拉萨市"),
    ("墨竹", "拉萨市"),
    // 日喀则市
    ("樟木", "日喀则市"),
    ("吉隆镇", "日喀则市"),
    ("协格尔镇", "日喀则市"),
    // 昌都市
    ("昌都县", "昌都市"),
    ("邦达", "昌都市"),
    ("孜托镇", "昌都市"),
    ("俄洛镇", "昌都市"),
    // 林芝市
    ("八一镇", "林芝市"),
    ("鲁朗", "林芝市"),
    ("林芝县", "林芝市"),
    ("米林县", "林芝市"),
    ("扎西绕登乡", "林芝市"),
    ("扎木镇", "林芝市"),
    // 山南市
    ("泽当", "山南市"),
    ("乃东县", "山南市"),
    ("错那县", "山南市"),
    ("玉麦", "山南市"),
    ("昌珠镇", "山南市"),
    ("琼结镇", "山南市"),
    // 那曲市
    ("那曲县", "那曲市"),
    ("那曲镇", "那曲市"),
    ("帕那镇", "那曲市"),
    ("嘉黎镇", "那曲市"),
    // 阿里地区
    ("狮泉河", "阿里地区"),
    ("托林镇", "阿里地区"),
    ("普兰镇", "阿里地区"),
    ("神山圣湖", "阿里地区"),
    // Region-wide.
    ("西藏自治区", REGION),
    ("自治区", REGION),
    ("西藏", REGION),
];

/// Short forms that are also ordinary words or personal names: looked up on
/// their own by [`prefecture_of`], never found in running text by [`mentions`].
const AMBIGUOUS_SHORT_FORMS: [&str; 9] =
    ["比如", "尼玛", "城关", "定日", "定结", "吉隆", "聂荣", "白朗", "加查"];

/// One place name found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte offset of the name in the text (always a char boundary).
    pub start: usize,
    /// The name as it appears in the text.
    pub name: &'static str,
    /// Its prefecture-level division, or [`REGION`] for a region-wide name.
    pub prefecture: &'static str,
}

impl Mention {
    /// Whether the name stands for Tibet as a whole rather than one prefecture.
    pub fn is_region_wide(&self) -> bool {
        self.prefecture == REGION
    }
}

/// The county-level divisions of a prefecture (none for an unknown name).
pub fn counties_of(prefecture: &str) -> impl Iterator<Item = &'static str> + '_ {
    COUNTIES
        .iter()
        .filter(move |(p, _)| *p == prefecture)
        .flat_map(|(_, counties)| counties.split_whitespace())
}

/// The prefecture-level division a place name on its own belongs to: a
/// prefecture, county, town or one of their short forms (`那曲`, `日土`,
/// `巴宜`, `狮泉河`). Region-wide names give [`REGION`]. Surrounding
/// whitespace is ignored.
pub fn prefecture_of(name: &str) -> Option<&'static str> {
    let name = name.trim();
    table().names.iter().find(|entry| entry.name == name).map(|entry| entry.prefecture)
}

/// Every place name in `text`, left to right. At each position the longest
/// name wins (`拉萨市` rather than `拉萨`), and matches do not overlap.
pub fn mentions(text: &str) -> Vec<Mention> {
    let table = table();
    let mut found = Vec::new();
    let mut skip_until = 0;
    for (start, c) in text.char_indices() {
        if start < skip_until {
            continue;
        }
        let Some(candidates) = table.by_first_char.get(&c) else {
            continue;
        };
        let rest = &text[start..];
        let hit = candidates
            .iter()
            .map(|&n| &table.names[n])
            .find(|entry| entry.in_running_text && rest.starts_with(entry.name));
        if let Some(entry) = hit {
            found.push(Mention { start, name: entry.name, prefecture: entry.prefecture });
            skip_until = start + entry.name.len();
        }
    }
    found
}

/// One name of the lookup table.
struct Name {
    name: &'static str,
    prefecture: &'static str,
    /// False for the ambiguous short forms.
    in_running_text: bool,
}

/// All names, and for each first character the names starting with it,
/// longest first (so the first match at a position is the longest).
struct Table {
    names: Vec<Name>,
    by_first_char: HashMap<char, Vec<usize>>,
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let names = build_names();
        let mut by_first_char: HashMap<char, Vec<usize>> = HashMap::new();
        for (n, entry) in names.iter().enumerate() {
            if let Some(first) = entry.name.chars().next() {
                by_first_char.entry(first).or_default().push(n);
            }
        }
        Table { names, by_first_char }
    })
}

fn build_names() -> Vec<Name> {
    let mut names = Vec::new();
    let mut add = |name: &'static str, prefecture: &'static str| {
        if !names.iter().any(|n: &Name| n.name == name) {
            let in_running_text = !AMBIGUOUS_SHORT_FORMS.contains(&name);
            names.push(Name { name, prefecture, in_running_text });
        }
    };
    for prefecture in PREFECTURES {
        add(prefecture, prefecture);
        add(short_form(prefecture), prefecture);
    }
    for (prefecture, counties) in COUNTIES {
        for county in counties.split_whitespace() {
            add(county, prefecture);
            let short = short_form(county);
            if short.chars().count() >= 2 {
                add(short, prefecture);
            }
        }
    }
    for (name, prefecture) in OTHER_PLACES {
        add(name, prefecture);
    }
    names.sort_by_key(|n| std::cmp::Reverse(n.name.len()));
    names
}

/// A division's name without its administrative suffix: `日土县` → `日土`,
/// `阿里地区` → `阿里`.
fn short_form(name: &'static str) -> &'static str {
    ["地区", "县", "区", "市"].iter().find_map(|suffix| name.strip_suffix(suffix)).unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_county_level_division_is_listed_once() {
        let all: Vec<&str> = PREFECTURES.iter().flat_map(|p| counties_of(p)).collect();
        assert_eq!(all.len(), 74);
        for county in &all {
            assert_eq!(all.iter().filter(|c| *c == county).count(), 1, "{county} listed twice");
        }
        let sizes: Vec<usize> = PREFECTURES.iter().map(|p| counties_of(p).count()).collect();
        assert_eq!(sizes, [8, 18, 11, 7, 12, 11, 7]);
        assert_eq!(counties_of("成都市").count(), 0);
        for prefecture in PREFECTURES {
            assert_eq!(prefecture_of(prefecture), Some(prefecture));
            for county in counties_of(prefecture) {
                assert_eq!(prefecture_of(county), Some(prefecture), "{county}");
                let found = mentions(county);
                assert_eq!((found.len(), found[0].name), (1, county), "{county} in running text");
            }
        }
    }

    #[test]
    fn names_on_their_own_map_to_their_prefecture() {
        let cases = [
            ("那曲", Some("那曲市")),
            ("日土", Some("阿里地区")),
            ("巴宜", Some("林芝市")),
            ("狮泉河", Some("阿里地区")),
            ("泽当", Some("山南市")),
            ("拉萨", Some("拉萨市")),
            ("米林市", Some("林芝市")),
            ("米林县", Some("林芝市")),
            ("错那市", Some("山南市")),
            ("柳梧新区", Some("拉萨市")),
            ("尼玛", Some("那曲市")),
            (" 日喀则 ", Some("日喀则市")),
            ("自治区", Some(REGION)),
            ("成都", None),
            ("八一", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(prefecture_of(name), want, "prefecture_of({name:?})");
        }
    }

    #[test]
    fn mentions_are_longest_first_and_positioned() {
        let text = "日喀则聂拉木县气象局联合在樟木口岸开展";
        let found: Vec<(usize, &str, &str)> =
            mentions(text).iter().map(|m| (m.start, m.name, m.prefecture)).collect();
        assert_eq!(found, [(0, "日喀则", "日喀则市"), (9, "聂拉木县", "日喀则市"), (39, "樟木", "日喀则市")]);
        let found: Vec<&str> = mentions("近日，拉萨市城关区八一街道").iter().map(|m| m.name).collect();
        assert_eq!(found, ["拉萨市", "城关区"]);
    }

    #[test]
    fn ambiguous_short_forms_are_not_found_in_running_text() {
        assert!(mentions("比如，尼玛说城关镇的规定日期").is_empty());
        assert_eq!(mentions("比如县")[0].prefecture, "那曲市");
        let wide = mentions("自治区妇联");
        assert!(wide.len() == 1 && wide[0].is_region_wide());
    }
}
