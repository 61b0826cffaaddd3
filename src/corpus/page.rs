//! Splitting a newspaper page into its items.
//!
//! A page of the default corpus is the plain text of one printed newspaper
//! page: several articles, photo captions and commentaries laid out in
//! columns and boxes, flattened into lines. Search results must point at one
//! item, not at a page, so the corpus build calls [`split_page`] on every
//! page; each [`PageItem`] becomes one document. This module owns that
//! layout knowledge and nothing else; place names live in
//! [`super::gazetteer`].
//!
//! The splitter uses general rules about how the paper prints things, plus
//! short word lists (byline roles, caption marks, surnames): nothing here
//! knows about a particular page.
//!
//! # Worked example (page 000, lines 95–101)
//!
//! ```text
//! 那曲市安多县                              kicker (a place)
//! 强化党建品牌建设 提升为民服务能力          headline          → title
//! 本报那曲电（记者 曲珍）近年来，安多县…    dateline          → place 那曲, reporter 曲珍
//! 安多县将民族团结进步创建、…               body
//! ```
//!
//! gives an `article` titled `强化党建品牌建设 提升为民服务能力`, region
//! `那曲市` (from the kicker), reporters `["曲珍"]`, place `那曲`, line 95.
//! Its text is the four paragraphs in that order, one per line.
//!
//! # The rules, in the order they are applied
//!
//! 1. **Paragraphs and boxes.** Every non-blank line is a paragraph, trimmed
//!    (whitespace inside a line is kept). One blank line separates
//!    paragraphs; two or more separate layout *boxes*.
//! 2. **Shapes.** Each paragraph is read on its own as a dateline
//!    (`本报那曲电（记者 曲珍）…`, `本报拉萨讯(记者 刘斯宇)…`), a credit
//!    (`本报记者 次仁片多 摄`), a byline (`本报记者 万靖`,
//!    `图/文 本报记者 卢文婷`), a caption line (`图为…`, `上图：…`, `▲…`, or
//!    a `图为` sentence inside the paragraph), a heading (at most 28
//!    characters, or 48 when it starts or ends with `——`, with no `。！？；`
//!    and not ending with a comma), or running text.
//! 3. **Broken lines that look like headings.** A heading-shaped line
//!    followed by running text is prose cut at a column end when it ends with
//!    a word no headline ends with (`…一问题一对策”的` / `要求,…`) or the next
//!    paragraph cannot start a sentence: it opens with a closing mark, its
//!    first clause is one character (`林周县…积极开展走村入` / `户,将宣讲…`),
//!    or it closes a quote it never opened (`…能` / `力建设”等议题…`).
//! 4. **Authors.** A bare personal name (2–4 characters, a common surname or
//!    Tibetan name parts, not a place) between a heading and running text is
//!    a commentary's author (`推动基层党建全面进步全面过硬` / `鹿丽娟`).
//! 5. **Caption leads.** A short complete paragraph (≤ 200 characters) right
//!    before a caption line or credit, at the top of a box or under a
//!    heading, introduces the caption (`近日，…。` / `图为…`).
//! 6. **Broken sentences.** A running-text paragraph that does not end with
//!    one of `。！？；…”’』」）】》：` (or ASCII `!?;)":`) continues in the next
//!    running-text paragraph; the two are joined with no separator, so
//!    `…教育培训常` + `态化制度化。` reads `…教育培训常态化制度化。`. Only running
//!    text is joined, so a headline is never glued onto a body. Caption
//!    material printed in between is skipped: caption lines, leads, credits,
//!    and *caption boxes*, short complete paragraphs (≤ 150 characters)
//!    opening a box and describing a picture (`这是`, `图为`, `图中`). On page
//!    000 `…全面开展` is continued by `“干部讲堂”，…` after the box
//!    `近日，堆龙德庆区乃琼社区…这是授牌仪式现场。`, which becomes a photo.
//!    A caption box standing alone is a photo too.
//! 7. **Items.** Paragraphs are then read in page order (a continued
//!    paragraph travels with the one it continues):
//!    * a run of headings followed by a byline or dateline heads an
//!      *article*; followed by an author line, a *commentary*; followed by
//!      a caption, it is that *photo*'s headline;
//!    * a run of headings followed by running text starts a new article when
//!      it opens a box, contains a kicker ending with `：`, or there is no
//!      item yet; otherwise its lines are section headings of the current
//!      item and stay in its text;
//!    * a photo is an optional lead or caption box, caption lines, and an
//!      optional credit (on its own line or at the end of a caption line);
//!    * a photo headline may be printed under the caption: the first line
//!      of the following heading run goes to a headless photo right above
//!      it when the rest of the run is a head block of its own, opening with
//!      a kicker or lead-in and holding a headline (`…本报记者 彭琦 摄` /
//!      `关怀老党员 温暖送到家` / `米林市扎西绕登乡` / `党建注重融合…` /
//!      dateline). A heading run that is followed by a caption belongs to
//!      that caption instead (`直播带货`);
//!    * running text continues the current article (photos are boxes set
//!      into the flow, so text after a photo goes back to the article),
//!      unless it opens a new box after that article's text is complete: then
//!      it is a headless *fragment*.
//! 8. **Heads printed after their body.** A head with no body of its own
//!    (headline, subheading, byline, then straight into the next item) takes
//!    the tail of the item printed right before it: every paragraph after the
//!    last one that echoes that item's headline (shares four consecutive
//!    Chinese characters with it); when none does, from the first paragraph
//!    that echoes the late head. On page 003 `讲政治 顾大局 敢担当 /
//!    ——自治区政协机关党建工作综述` keeps its text up to
//!    `自治区政协机关相关负责人表示…`, and `为群众筑起“红色堤坝”` takes
//!    `一名党员就是一面旗帜…` and what follows. Its text puts the head first.
//! 9. **Fragments.** A fragment inside the page is the jumped continuation of
//!    an item on the same page whose text stops mid-sentence before another
//!    item or box: they are paired in page order and joined with no
//!    separator. On page 004 the text of `林周县打造“河畅水清岸绿”景观`
//!    stops at `…全面深`, and the headless `人实施水环境治理,…` printed above
//!    it completes the word (`全面深人实施`, the page's misprint for
//!    `全面深入实施`). Text at the very start or end of the page is never
//!    paired (its other half is on another page: page 001 ends with
//!    `…此外，依托重要时`, which stays the end of its article). A fragment left
//!    unpaired is an article of its own, titled from its first sentence.
//!
//! # Fields
//!
//! * **title**: the main headline as printed. In a head block, a kicker
//!   (a line ending with `：`, or a short unquoted, unspaced place or
//!   organisation name such as `林芝市`, `赣藏两地气象部门`,
//!   `阿里地区政协办公室驻村工作队`), a lead-in line ending with `——`, a
//!   slogan line over another headline line (`强基础 激活力 增质效`,
//!   `“青年担当 平安守望”`) and a subtitle starting with `——` are not the
//!   headline; the first remaining line is, and later ones are subheadings.
//!   A photo without a headline is titled by its first caption line
//!   (`图为车辆捐赠仪式现场。` → `车辆捐赠仪式现场`), else by its first sentence
//!   without a short opening clause such as `近日，`; an item without any
//!   headline by its first sentence. Derived titles are cut to 30
//!   characters, at a clause boundary when there is one.
//! * **text**: head lines as printed, then the body paragraphs, joined by
//!   `\n`. Every non-blank character of the page is in exactly one item.
//! * **reporters**: names from bylines, author lines, dateline parentheses and
//!   credits, in reading order, without duplicates.
//! * **place**: the dateline place (`本报巴宜电` → `巴宜`).
//! * **region**: the first of these that names a place: the kicker and
//!   lead-in lines; the headline, subtitle and subheadings; the first
//!   sentence of the body (after the dateline; for a photo, of the caption);
//!   the dateline place; anywhere in the body; else `西藏自治区`. Within one
//!   of these, the first prefecture named wins, and region-wide names
//!   (`自治区`, `西藏`) count only when no prefecture is named. Counties,
//!   towns and short forms map to their prefecture through the gazetteer. So
//!   `米林市扎西绕登乡` with dateline 拉萨 is 林芝市, `赣藏两地气象部门` (no place)
//!   is 日喀则市 from `…日喀则聂拉木县气象局…` in its first sentence, and
//!   `自治区妇联为社区妇女群众创业“把脉”` is 西藏自治区: its headline names a
//!   region-level body and no prefecture, so the Lhasa neighbourhoods it
//!   visited (and its dateline 拉萨) come later in the order. A company
//!   named `西藏…` counts as region-wide too: the `直播带货` photo, whose
//!   caption names no other place, is 西藏自治区.
//! * **line**: the first line of the item in page order, even when its
//!   headline is printed below its body.
//!
//! # Limits
//!
//! These rules are heuristics, and each can be fooled: a section heading
//! printed at the top of a new box starts a new article; a complete paragraph
//! after a box gap in the middle of an article becomes a fragment (and joins
//! an unrelated open item if the page has one); a headline ending in one of
//! `DANGLING_ENDS` (`的`, `之`, ...) and followed by text is read as a
//! broken line; a paragraph cut at a column end right after `”` or `：`
//! looks complete and is not joined; a short (≤ 28 characters) line cut
//! without any of the evidence of rule 3 stays a heading. None of these
//! happens on the seed pages, and none of them loses or duplicates text:
//! every rule only decides where a paragraph goes, never whether it is kept.

use super::gazetteer;

/// What kind of item a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    /// A news report or feature, usually with a byline or a dateline.
    Article,
    /// A photo caption (the lead sentence, the `图为…` lines and the credit).
    Photo,
    /// A signed opinion piece: a headline, then the author's bare name.
    Commentary,
}

impl ItemKind {
    /// The kind's name as stored in the `kind` field: `article`, `photo` or
    /// `commentary`.
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Article => "article",
            ItemKind::Photo => "photo",
            ItemKind::Commentary => "commentary",
        }
    }
}

/// One item of a newspaper page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageItem {
    /// The headline (main title line(s)); for a photo without a headline, a
    /// short title derived from its caption. Never empty.
    pub title: String,
    /// All of the item's text in reading order: kicker/headline/subtitle/byline
    /// first, then the body; paragraphs separated by '\n'.
    pub text: String,
    /// What kind of item this is.
    pub kind: ItemKind,
    /// Reporter / photographer names from bylines, datelines and photo
    /// credits, in order of appearance, deduplicated.
    pub reporters: Vec<String>,
    /// Prefecture-level division the item is about: one of 拉萨市 日喀则市
    /// 昌都市 林芝市 山南市 那曲市 阿里地区, or 西藏自治区 for region-wide items.
    pub region: &'static str,
    /// The dateline place, e.g. "巴宜" from 本报巴宜电, "拉萨" from 本报拉萨讯;
    /// None when there is no dateline.
    pub place: Option<String>,
    /// 1-based line number in the page of the item's first line (for error
    /// messages and debugging).
    pub line: usize,
}

/// Split one newspaper page into its items, in the order their first line
/// appears on the page.
pub fn split_page(page: &str) -> Vec<PageItem> {
    let page = Page::read(page);
    let mut drafts = Grouper::new(&page).run();
    claim_bodies_for_late_heads(&page, &mut drafts);
    rejoin_jumped_fragments(&page, &mut drafts);
    drafts.sort_by_key(|draft| draft.first_line(&page));
    drafts.iter().map(|draft| finish(&page, draft)).collect()
}

// ---------------------------------------------------------------------------
// Tunable limits (characters, not bytes).

/// Blank lines that separate layout boxes (one blank line separates
/// paragraphs within a box).
const BOX_GAP: usize = 2;
/// Longest headline line; longer lines without sentence punctuation are prose
/// broken at a column end.
const MAX_HEADLINE_CHARS: usize = 28;
/// Longest headline line that starts or ends with `——` (subtitles and
/// lead-in lines run longer).
const MAX_DASHED_HEADLINE_CHARS: usize = 48;
/// Longest kicker line naming a place or organisation.
const MAX_KICKER_CHARS: usize = 20;
/// Longest phrase of a slogan line such as `强基础 激活力 增质效`.
const MAX_SLOGAN_PART_CHARS: usize = 8;
/// Longest byline or credit line.
const MAX_BYLINE_CHARS: usize = 40;
/// Longest personal name (Tibetan names run to six or eight characters).
const MAX_NAME_CHARS: usize = 8;
/// Longest dateline place (`本报日喀则电`).
const MAX_DATELINE_PLACE_CHARS: usize = 8;
/// Longest paragraph that can introduce a photo caption.
const MAX_LEAD_CHARS: usize = 200;
/// Longest free-standing caption paragraph.
const MAX_CAPTION_BOX_CHARS: usize = 150;
/// Longest derived title.
const MAX_TITLE_CHARS: usize = 30;
/// A derived title cut at a clause boundary keeps at least this much.
const MIN_TITLE_CLAUSE_CHARS: usize = 6;
/// An opening clause this short (`近日，`) is dropped from a derived title.
const MAX_OPENING_CLAUSE_CHARS: usize = 4;
/// A paragraph "echoes" a headline when they share this many consecutive
/// Chinese characters.
const ECHO_CHARS: usize = 4;

// ---------------------------------------------------------------------------
// Marker lists.

/// Marks that end a sentence.
const SENTENCE_ENDS: [char; 7] = ['。', '！', '？', '；', '!', '?', ';'];
/// Marks a complete paragraph may end with.
const PARAGRAPH_ENDS: [char; 19] =
    ['。', '！', '？', '；', '!', '?', ';', '…', '”', '’', '"', '』', '」', '）', ')', '】', '》', '：', ':'];
/// Marks that end a clause.
const CLAUSE_ENDS: [char; 12] = ['，', '、', ',', '；', ';', '：', ':', '。', '！', '？', '!', '?'];
/// Marks that never open a sentence.
const NON_OPENING_MARKS: [char; 18] =
    ['，', '、', ',', '。', '.', '；', ';', '：', ':', '！', '？', '!', '?', '）', ')', '”', '」', '』'];
/// Opening and closing brackets and quotes, pairwise.
const BRACKETS: [(char, char); 6] =
    [('“', '”'), ('「', '」'), ('『', '』'), ('（', '）'), ('(', ')'), ('《', '》')];
/// Words a headline cannot end with, but a line broken mid-sentence can.
const DANGLING_ENDS: [char; 10] = ['的', '之', '和', '或', '且', '而', '这', '那', '各', '每'];
/// Endings of a kicker line naming a place or an organisation.
const KICKER_SUFFIXES: &str =
    "市 县 区 乡 镇 村 街道 局 委 委员会 部门 部 队 办公室 办 支部 公司 中心 所 院 校 站 厅 团 组";
/// Roles that precede names in bylines, credits and datelines, longest first.
const REPORTER_ROLES: [&str; 9] = [
    "本报特约记者",
    "本报通讯员",
    "本报记者",
    "特约记者",
    "见习记者",
    "摄影记者",
    "通讯员",
    "实习生",
    "记者",
];
/// Labels saying who did the words and pictures (`图/文 本报记者 卢文婷`).
const WORK_LABELS: [&str; 7] = ["图/文", "文/图", "图／文", "文／图", "图文", "文", "图"];
/// Marks that open a caption line.
const CAPTION_MARKS: [&str; 7] = ["图为", "▲", "▼", "△", "▽", "►", "◄"];
/// Picture positions that open a caption line when followed by `：` or `为`.
const PICTURE_POSITIONS: [&str; 6] = ["上图", "下图", "左图", "右图", "中图", "组图"];
/// Phrases that mark a paragraph as describing a picture.
const CAPTION_PHRASES: [&str; 4] = ["图为", "这是", "图中", "画面中"];
/// Common single-character surnames (for bare author lines).
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝鹿胥";
/// Two-character surnames.
const COMPOUND_SURNAMES: [&str; 12] =
    ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯"];
/// Two-character parts of Tibetan personal names.
const TIBETAN_NAME_PARTS: [&str; 64] = [
    "次仁", "扎西", "索朗", "格桑", "平措", "达瓦", "尼玛", "拉巴", "普布", "边巴", "多吉", "卓玛", "央金",
    "曲珍", "白玛", "旺堆", "旺姆", "巴桑", "洛桑", "顿珠", "德吉", "措姆", "贡秋", "曲措", "拉姆", "琼珠",
    "片多", "郎加", "桑珠", "次旦", "旦增", "丹增", "益西", "强巴", "群培", "土登", "阿旺", "罗布", "米玛",
    "巴珠", "央宗", "卓嘎", "仁青", "赤列", "伦珠", "嘎玛", "普琼", "加措", "嘉措", "次珍", "拉珍", "旦巴",
    "晋美", "欧珠", "尼珍", "桑布", "达娃", "白珍", "曲吉", "玉珍", "德庆", "永青", "旺久", "泽仁",
];

// ---------------------------------------------------------------------------
// Reading the page.

/// One non-blank line of the page.
#[derive(Debug)]
struct Para {
    /// The line without surrounding whitespace.
    text: String,
    /// 1-based line number.
    line: usize,
    /// Whether the paragraph starts the page or follows [`BOX_GAP`] or more
    /// blank lines.
    opens_box: bool,
}

/// What a paragraph looks like on its own, refined by its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    /// A short line without sentence punctuation: headline, kicker, subtitle.
    Heading,
    /// `本报记者 卢文婷`.
    Byline,
    /// A bare name right under a headline: the author of a commentary.
    Author,
    /// A paragraph opening with `本报那曲电（记者 曲珍）`.
    Dateline,
    /// Running text.
    Body,
    /// The sentence that introduces a caption (`近日，…。` before `图为…`).
    Lead,
    /// A short paragraph after a box gap describing a picture (`这是…现场。`).
    CaptionBox,
    /// `图为…`, `上图：…`, `▲…`.
    Caption,
    /// `本报记者 次仁片多 摄`.
    Credit,
}

/// The paragraphs of a page, their shapes, and which paragraph continues a
/// sentence broken at the end of another.
struct Page {
    paras: Vec<Para>,
    shapes: Vec<Shape>,
    /// `next[i]` is the paragraph that continues paragraph `i` mid-sentence.
    next: Vec<Option<usize>>,
    /// Whether the paragraph continues another one (and so is not read on its own).
    is_tail: Vec<bool>,
}

impl Page {
    fn read(text: &str) -> Page {
        let paras = paragraphs(text);
        let mut shapes: Vec<Shape> = paras.iter().map(|p| shape_of(&p.text)).collect();
        mark_broken_headings(&paras, &mut shapes);
        mark_authors(&paras, &mut shapes);
        mark_caption_leads(&paras, &mut shapes);
        let next = link_broken_sentences(&paras, &mut shapes);
        mark_caption_boxes(&paras, &mut shapes, &next);
        let mut is_tail = vec![false; paras.len()];
        for &j in next.iter().flatten() {
            is_tail[j] = true;
        }
        Page { paras, shapes, next, is_tail }
    }

    fn text(&self, i: usize) -> &str {
        &self.paras[i].text
    }

    /// Paragraph `i` and the paragraphs that continue it, in order.
    fn chain(&self, i: usize) -> Vec<usize> {
        let mut chain = vec![i];
        let mut at = i;
        while let Some(j) = self.next[at] {
            chain.push(j);
            at = j;
        }
        chain
    }

    /// The text of a chain: its parts joined with no separator.
    fn chain_text(&self, chain: &[usize]) -> String {
        chain.iter().map(|&i| self.text(i)).collect()
    }
}

/// The non-blank lines of a page, trimmed, with their line numbers.
fn paragraphs(text: &str) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let mut blanks = 0;
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            blanks += 1;
            continue;
        }
        let opens_box = paras.is_empty() || blanks >= BOX_GAP;
        paras.push(Para { text: line.to_string(), line: n + 1, opens_box });
        blanks = 0;
    }
    paras
}

/// The shape of a paragraph judged on its own.
fn shape_of(text: &str) -> Shape {
    if dateline(text).is_some() {
        Shape::Dateline
    } else if credit_names(text).is_some() {
        Shape::Credit
    } else if byline_names(text).is_some() {
        Shape::Byline
    } else if is_caption_line(text) {
        Shape::Caption
    } else if is_heading_shaped(text) {
        Shape::Heading
    } else {
        Shape::Body
    }
}

/// A heading-shaped line followed by running text that plainly continues it
/// (`林周县各驻村工作队积极开展走村入` / `户,将宣讲…`) is prose broken at a
/// column end, not a headline.
fn mark_broken_headings(paras: &[Para], shapes: &mut [Shape]) {
    for i in 0..paras.len().saturating_sub(1) {
        if shapes[i] == Shape::Heading
            && shapes[i + 1] == Shape::Body
            && reads_as_broken_line(&paras[i].text, &paras[i + 1].text)
        {
            shapes[i] = Shape::Body;
        }
    }
}

/// A bare personal name between a headline and running text is the author
/// of a commentary (`推动基层党建全面进步全面过硬` / `鹿丽娟`).
fn mark_authors(paras: &[Para], shapes: &mut [Shape]) {
    for i in 1..paras.len() {
        let before_text = matches!(shapes.get(i + 1), None | Some(Shape::Body));
        if shapes[i] == Shape::Heading
            && shapes[i - 1] == Shape::Heading
            && before_text
            && is_bare_name(&paras[i].text)
        {
            shapes[i] = Shape::Author;
        }
    }
}

/// A short complete paragraph right before a caption line or credit, at the
/// top of a box or under a headline, introduces that caption.
fn mark_caption_leads(paras: &[Para], shapes: &mut [Shape]) {
    for i in 0..paras.len() {
        let before_caption = matches!(shapes.get(i + 1), Some(Shape::Caption | Shape::Credit));
        let starts_block = paras[i].opens_box
            || i.checked_sub(1)
                .is_some_and(|h| matches!(shapes[h], Shape::Heading | Shape::Caption | Shape::Credit));
        if shapes[i] == Shape::Body
            && before_caption
            && starts_block
            && ends_complete(&paras[i].text)
            && char_count(&paras[i].text) <= MAX_LEAD_CHARS
        {
            shapes[i] = Shape::Lead;
        }
    }
}

/// Link every paragraph that ends mid-sentence to the paragraph that carries
/// the sentence on: the next running-text paragraph, skipping a photo caption
/// printed in between. Caption paragraphs skipped this way become
/// [`Shape::CaptionBox`].
fn link_broken_sentences(paras: &[Para], shapes: &mut [Shape]) -> Vec<Option<usize>> {
    let n = paras.len();
    let mut next = vec![None; n];
    let mut taken = vec![false; n];
    for i in 0..n {
        if shapes[i] != Shape::Body || ends_complete(&paras[i].text) {
            continue;
        }
        let mut j = i + 1;
        let mut boxes = Vec::new();
        while j < n {
            match shapes[j] {
                Shape::Lead | Shape::Caption | Shape::Credit => {}
                Shape::Body if !taken[j] && j + 1 < n && is_caption_box(&paras[j]) => boxes.push(j),
                _ => break,
            }
            j += 1;
        }
        if j < n && shapes[j] == Shape::Body && !taken[j] {
            next[i] = Some(j);
            taken[j] = true;
            for b in boxes {
                shapes[b] = Shape::CaptionBox;
            }
        }
    }
    next
}

/// A caption paragraph standing alone in its box (nothing continues it and it
/// continues nothing) is a photo caption.
fn mark_caption_boxes(paras: &[Para], shapes: &mut [Shape], next: &[Option<usize>]) {
    let mut continues_another = vec![false; paras.len()];
    for &j in next.iter().flatten() {
        continues_another[j] = true;
    }
    for i in 0..paras.len() {
        let continues = continues_another[i];
        let box_ends = i + 1 == paras.len() || paras[i + 1].opens_box || shapes[i + 1] != Shape::Body;
        if shapes[i] == Shape::Body && !continues && box_ends && is_caption_box(&paras[i]) {
            shapes[i] = Shape::CaptionBox;
        }
    }
}

// ---------------------------------------------------------------------------
// Grouping paragraphs into items.

/// An item under construction: paragraph indices only.
#[derive(Debug)]
struct Draft {
    kind: ItemKind,
    /// Headline lines, bylines and author lines, in printed order.
    head: Vec<usize>,
    /// Body paragraphs in reading order; each is a chain of parts joined
    /// without separator.
    body: Vec<Vec<usize>>,
    /// Running text found with no head of its own (a fragment).
    headless: bool,
}

impl Draft {
    fn new(kind: ItemKind, head: Vec<usize>) -> Draft {
        Draft { kind, head, body: Vec::new(), headless: false }
    }

    /// All paragraphs, in reading order.
    fn paragraphs(&self) -> impl Iterator<Item = usize> + '_ {
        self.head.iter().copied().chain(self.body.iter().flatten().copied())
    }

    fn first_line(&self, page: &Page) -> usize {
        self.paragraphs().map(|i| page.paras[i].line).min().unwrap_or(0)
    }

    /// The last paragraph of the body (the end of its text).
    fn body_end(&self) -> Option<usize> {
        self.body.last().and_then(|chain| chain.last()).copied()
    }
}

/// Walks the page's paragraphs (tails of broken sentences ride with their
/// chain) and cuts them into drafts.
struct Grouper<'a> {
    page: &'a Page,
    /// Paragraphs that start a chain, in page order.
    units: Vec<usize>,
    drafts: Vec<Draft>,
    /// The draft running text is added to (never a photo).
    article: Option<usize>,
}

impl<'a> Grouper<'a> {
    fn new(page: &'a Page) -> Grouper<'a> {
        let units = (0..page.paras.len()).filter(|&i| !page.is_tail[i]).collect();
        Grouper { page, units, drafts: Vec::new(), article: None }
    }

    fn run(mut self) -> Vec<Draft> {
        let mut k = 0;
        while k < self.units.len() {
            k = self.step(k);
        }
        self.drafts
    }

    /// Consume the unit at `k` and what belongs with it; return the next unit.
    fn step(&mut self, k: usize) -> usize {
        match self.shape_at(k) {
            Some(Shape::Heading) => self.heads(k),
            Some(Shape::Byline | Shape::Author | Shape::Dateline) => self.opening(k),
            Some(Shape::Credit) if self.article.is_some() => self.body(k),
            Some(Shape::Lead | Shape::CaptionBox | Shape::Caption | Shape::Credit) => {
                self.photo(k, Vec::new())
            }
            Some(Shape::Body) | None => self.body(k),
        }
    }

    fn shape_at(&self, k: usize) -> Option<Shape> {
        self.units.get(k).map(|&i| self.page.shapes[i])
    }

    fn start(&mut self, draft: Draft) -> usize {
        self.drafts.push(draft);
        let index = self.drafts.len() - 1;
        if self.drafts[index].kind != ItemKind::Photo {
            self.article = Some(index);
        }
        index
    }

    /// A run of heading lines: what follows decides what they head.
    fn heads(&mut self, k: usize) -> usize {
        let mut end = k;
        while self.shape_at(end) == Some(Shape::Heading) {
            end += 1;
        }
        let mut run = self.units[k..end].to_vec();
        let next = self.shape_at(end);
        self.give_trailing_photo_headline(&mut run, next);
        if run.is_empty() {
            return end;
        }
        match next {
            Some(Shape::Byline | Shape::Dateline) => {
                self.start(Draft::new(ItemKind::Article, run));
                end
            }
            Some(Shape::Author) => {
                self.start(Draft::new(ItemKind::Commentary, run));
                end
            }
            Some(Shape::Lead | Shape::CaptionBox | Shape::Caption | Shape::Credit) => self.photo(end, run),
            Some(Shape::Body | Shape::Heading) | None => {
                let page = self.page;
                let new_item =
                    page.paras[run[0]].opens_box || run.iter().any(|&i| ends_with_colon(page.text(i)));
                match self.article {
                    Some(a) if !new_item => self.drafts[a].body.extend(run.into_iter().map(|i| vec![i])),
                    _ => {
                        self.start(Draft::new(ItemKind::Article, run));
                    }
                }
                end
            }
        }
    }

    /// A photo's headline may be printed under its caption
    /// (`…本报记者 彭琦 摄` / `关怀老党员 温暖送到家` / `米林市扎西绕登乡` /
    /// `党建注重融合…`): the first line of a heading run goes to the photo just
    /// before it when that photo has no headline and the rest of the run is a
    /// head block of its own, opening with a kicker or lead-in and holding a
    /// headline.
    fn give_trailing_photo_headline(&mut self, run: &mut Vec<usize>, next: Option<Shape>) {
        let page = self.page;
        let (Some(photo), Some(&first)) = (self.drafts.last_mut(), run.first()) else {
            return;
        };
        let adjacent = photo.body_end().map(|end| end + 1) == Some(first);
        if photo.kind != ItemKind::Photo || !photo.head.is_empty() || !adjacent {
            return;
        }
        if !is_plain_headline(page.text(first)) {
            return;
        }
        let rest: Vec<&str> = run[1..].iter().map(|&i| page.text(i)).collect();
        let roles = head_roles(&rest);
        let rest_is_head_block = matches!(roles.first(), Some(HeadRole::Kicker | HeadRole::Intro))
            && roles.contains(&HeadRole::Main);
        let gives = match next {
            Some(Shape::Byline | Shape::Dateline | Shape::Author) => rest_is_head_block,
            None => run.len() == 1,
            _ => false,
        };
        if gives {
            photo.head.push(run.remove(0));
        }
    }

    /// A byline, author line or dateline: it completes the head waiting right
    /// before it, or opens an item of its own.
    fn opening(&mut self, k: usize) -> usize {
        let i = self.units[k];
        let shape = self.page.shapes[i];
        let previous = k.checked_sub(1).map(|p| self.units[p]);
        let waiting = self.article.filter(|&a| {
            let draft = &self.drafts[a];
            draft.body.is_empty() && draft.head.last().copied() == previous && previous.is_some()
        });
        match (waiting, shape) {
            (Some(a), Shape::Dateline) => self.drafts[a].body.push(self.page.chain(i)),
            (Some(a), _) => self.drafts[a].head.push(i),
            (None, Shape::Dateline) => {
                let a = self.start(Draft::new(ItemKind::Article, Vec::new()));
                self.drafts[a].body.push(self.page.chain(i));
            }
            (None, Shape::Byline) => {
                self.start(Draft::new(ItemKind::Article, vec![i]));
            }
            (None, _) => return self.body(k),
        }
        k + 1
    }

    /// A photo: an optional lead or caption box, caption lines, an optional
    /// credit; `headline` is the heading run printed above it. The unit at
    /// `k` is always taken.
    fn photo(&mut self, k: usize, headline: Vec<usize>) -> usize {
        let page = self.page;
        let mut body = vec![page.chain(self.units[k])];
        let mut credited = match self.shape_at(k) {
            Some(Shape::Credit) => true,
            Some(Shape::Caption) => inline_credit(page.text(self.units[k])).is_some(),
            _ => false,
        };
        let mut m = k + 1;
        while !credited && matches!(self.shape_at(m), Some(Shape::Caption | Shape::Credit)) {
            let i = self.units[m];
            credited = page.shapes[i] == Shape::Credit || inline_credit(page.text(i)).is_some();
            body.push(page.chain(i));
            m += 1;
        }
        let mut draft = Draft::new(ItemKind::Photo, headline);
        draft.body = body;
        self.start(draft);
        m
    }

    /// Running text: it continues the current item, unless it opens a new
    /// box after that item's text is complete, in which case it is a
    /// fragment (text jumped from elsewhere).
    fn body(&mut self, k: usize) -> usize {
        let i = self.units[k];
        let chain = self.page.chain(i);
        let continues =
            self.article.filter(|&a| self.drafts[a].body.is_empty() || !self.page.paras[i].opens_box);
        match continues {
            Some(a) => self.drafts[a].body.push(chain),
            None => {
                let mut draft = Draft::new(ItemKind::Article, Vec::new());
                draft.body.push(chain);
                draft.headless = true;
                self.start(draft);
            }
        }
        k + 1
    }
}

/// A head printed after its body (`为群众筑起“红色堤坝”` / subheading /
/// byline, with nothing under it) takes the tail of the item printed right
/// before it: the paragraphs after the last one that echoes that item's own
/// headline.
fn claim_bodies_for_late_heads(page: &Page, drafts: &mut [Draft]) {
    for late in 0..drafts.len() {
        let draft = &drafts[late];
        if draft.kind == ItemKind::Photo || draft.headless || !draft.body.is_empty() {
            continue;
        }
        let Some(before) = draft.head.first().and_then(|first| first.checked_sub(1)) else {
            continue;
        };
        let Some(earlier) = drafts.iter().position(|d| d.body_end() == Some(before)) else {
            continue;
        };
        if drafts[earlier].kind == ItemKind::Photo {
            continue;
        }
        if let Some(split) = late_head_split(page, &drafts[earlier], &drafts[late]) {
            let claimed = drafts[earlier].body.split_off(split);
            drafts[late].body = claimed;
        }
    }
}

/// Where the body of `earlier` stops and the body of the late head starts.
fn late_head_split(page: &Page, earlier: &Draft, late: &Draft) -> Option<usize> {
    let earlier_head = heading_text(page, &earlier.head);
    let late_head = heading_text(page, &late.head);
    let texts: Vec<String> = earlier.body.iter().map(|chain| page.chain_text(chain)).collect();
    let split = match texts.iter().rposition(|t| echoes(t, &earlier_head)) {
        Some(last) => last + 1,
        None => texts.iter().position(|t| echoes(t, &late_head))?,
    };
    let keeps_something = split > 0 || !earlier.head.is_empty();
    (split < texts.len() && keeps_something).then_some(split)
}

/// A headless fragment inside the page is the continuation of an item whose
/// text stops mid-sentence inside the page (a column jump): pair them in page
/// order and join them. Text at the page's very start or end is left alone:
/// its other half is on another page.
fn rejoin_jumped_fragments(page: &Page, drafts: &mut Vec<Draft>) {
    let last_para = page.paras.len().saturating_sub(1);
    let fragments: Vec<usize> = (0..drafts.len())
        .filter(|&d| drafts[d].headless && drafts[d].paragraphs().min() != Some(0))
        .collect();
    let dangling: Vec<usize> = (0..drafts.len())
        .filter(|&d| {
            let draft = &drafts[d];
            let end = draft.body_end();
            !draft.headless
                && draft.kind != ItemKind::Photo
                && end.is_some_and(|e| e != last_para && !ends_complete(page.text(e)))
        })
        .collect();
    let pairs: Vec<(usize, usize)> = fragments.into_iter().zip(dangling).collect();
    for &(fragment, open) in &pairs {
        let mut chains = std::mem::take(&mut drafts[fragment].body).into_iter();
        if let (Some(first), Some(last)) = (chains.next(), drafts[open].body.last_mut()) {
            last.extend(first);
        }
        drafts[open].body.extend(chains);
    }
    let mut emptied: Vec<usize> = pairs.iter().map(|&(fragment, _)| fragment).collect();
    emptied.sort_unstable_by(|a, b| b.cmp(a));
    for fragment in emptied {
        drafts.remove(fragment);
    }
}

// ---------------------------------------------------------------------------
// Finishing an item.

fn finish(page: &Page, draft: &Draft) -> PageItem {
    let headings: Vec<&str> =
        draft.head.iter().filter(|&&i| page.shapes[i] == Shape::Heading).map(|&i| page.text(i)).collect();
    let place = draft
        .paragraphs()
        .filter(|&i| page.shapes[i] == Shape::Dateline)
        .find_map(|i| dateline(page.text(i)))
        .and_then(|d| d.place);
    PageItem {
        title: title_of(page, draft, &headings),
        text: text_of(page, draft),
        kind: draft.kind,
        reporters: reporters_of(page, draft),
        region: region_of(page, draft, &headings, place.as_deref()),
        place,
        line: draft.first_line(page),
    }
}

/// Head lines, then body paragraphs, one per line.
fn text_of(page: &Page, draft: &Draft) -> String {
    let head = draft.head.iter().map(|&i| page.text(i).to_string());
    let body = draft.body.iter().map(|chain| page.chain_text(chain));
    head.chain(body).collect::<Vec<_>>().join("\n")
}

fn title_of(page: &Page, draft: &Draft, headings: &[&str]) -> String {
    if let Some(headline) = headline_of(headings) {
        return headline;
    }
    if draft.kind == ItemKind::Photo {
        if let Some(title) = caption_title(page, draft) {
            return title;
        }
    }
    derived_title(page, draft)
}

/// The role of a line in a head block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HeadRole {
    /// A place or organisation above or beside the headline (`那曲市安多县`,
    /// `…党支部：`).
    Kicker,
    /// A lead-in: a line ending with `——`, or a slogan line over another
    /// headline line (`强基础 激活力 增质效`).
    Intro,
    /// The headline proper.
    Main,
    /// A subtitle (`——…`) or a further headline line under the main one.
    Sub,
}

fn head_roles(lines: &[&str]) -> Vec<HeadRole> {
    let plain: Vec<bool> = lines.iter().map(|l| is_plain_headline(l)).collect();
    let any_plain = plain.contains(&true);
    let mut main_seen = false;
    let mut roles = Vec::with_capacity(lines.len());
    for (n, line) in lines.iter().enumerate() {
        let plain_below = plain[n + 1..].contains(&true);
        let role = if line.starts_with("——") {
            HeadRole::Sub
        } else if line.ends_with("——") {
            HeadRole::Intro
        } else if !plain[n] && any_plain {
            HeadRole::Kicker
        } else if is_slogan(line) && plain_below {
            HeadRole::Intro
        } else if main_seen {
            HeadRole::Sub
        } else {
            main_seen = true;
            HeadRole::Main
        };
        roles.push(role);
    }
    roles
}

/// The main headline of a head block, as printed; without one, the first
/// line without its dashes.
fn headline_of(headings: &[&str]) -> Option<String> {
    let roles = head_roles(headings);
    let main = headings.iter().zip(&roles).find(|(_, role)| **role == HeadRole::Main);
    if let Some((line, _)) = main {
        return Some(line.to_string());
    }
    let first = headings.first()?;
    let title = first.trim_matches(|c: char| c == '—' || c.is_whitespace());
    (!title.is_empty()).then(|| title.to_string())
}

/// A photo's title from its first caption line (`图为车辆捐赠仪式现场。` →
/// `车辆捐赠仪式现场`).
fn caption_title(page: &Page, draft: &Draft) -> Option<String> {
    draft.body.iter().flatten().filter(|&&i| page.shapes[i] == Shape::Caption).find_map(|&i| {
        let title = shorten(first_sentence(caption_words(page.text(i))));
        (!title.is_empty()).then_some(title)
    })
}

/// A title from the first sentence of the text, for items without a headline.
fn derived_title(page: &Page, draft: &Draft) -> String {
    let from_body = draft.body.iter().find_map(|chain| {
        let text = page.chain_text(chain);
        let sentence = first_sentence(without_dateline(&text));
        let title = shorten(drop_opening_clause(sentence));
        (!title.is_empty()).then_some(title)
    });
    from_body.unwrap_or_else(|| {
        let text = text_of(page, draft);
        text.chars().filter(|c| !c.is_whitespace()).take(MAX_TITLE_CHARS).collect()
    })
}

/// Names from bylines, author lines, datelines and credits, in reading order.
fn reporters_of(page: &Page, draft: &Draft) -> Vec<String> {
    let mut reporters: Vec<String> = Vec::new();
    for i in draft.paragraphs() {
        let text = page.text(i);
        let names = match page.shapes[i] {
            Shape::Byline => byline_names(text),
            Shape::Author => Some(vec![text.to_string()]),
            Shape::Credit => credit_names(text),
            Shape::Dateline => dateline(text).map(|d| d.reporters),
            Shape::Caption => inline_credit(text),
            _ => None,
        };
        for name in names.into_iter().flatten() {
            if !reporters.contains(&name) {
                reporters.push(name);
            }
        }
    }
    reporters
}

/// The prefecture the item is about: the first level that names a place
/// wins (see the module documentation).
fn region_of(page: &Page, draft: &Draft, headings: &[&str], place: Option<&str>) -> &'static str {
    let roles = head_roles(headings);
    let lines_with = |wanted: &[HeadRole]| -> String {
        headings
            .iter()
            .zip(&roles)
            .filter(|(_, role)| wanted.contains(role))
            .map(|(line, _)| *line)
            .collect::<Vec<_>>()
            .join("\n")
    };
    let body: Vec<String> = draft.body.iter().map(|chain| page.chain_text(chain)).collect();
    let opening = body
        .iter()
        .map(|text| first_sentence(caption_words(without_dateline(text))))
        .find(|sentence| !sentence.is_empty())
        .unwrap_or("");
    let levels =
        [lines_with(&[HeadRole::Kicker, HeadRole::Intro]), lines_with(&[HeadRole::Main, HeadRole::Sub])];
    levels
        .iter()
        .find_map(|level| region_in(level))
        .or_else(|| region_in(opening))
        .or_else(|| place.and_then(gazetteer::prefecture_of))
        .or_else(|| region_in(&body.join("\n")))
        .unwrap_or(gazetteer::REGION)
}

/// The first prefecture a text names; region-wide names count only when it
/// names no prefecture.
fn region_in(text: &str) -> Option<&'static str> {
    let mentions = gazetteer::mentions(text);
    mentions.iter().find(|m| !m.is_region_wide()).or_else(|| mentions.first()).map(|m| m.prefecture)
}

// ---------------------------------------------------------------------------
// Line tests.

fn char_count(text: &str) -> usize {
    text.chars().count()
}

fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// Whether a paragraph ends where a paragraph may end (not mid-sentence).
fn ends_complete(text: &str) -> bool {
    text.chars().next_back().is_some_and(|c| PARAGRAPH_ENDS.contains(&c))
}

fn ends_with_colon(text: &str) -> bool {
    text.ends_with(['：', ':'])
}

/// Short, no sentence punctuation, not ending with a pause.
fn is_heading_shaped(text: &str) -> bool {
    let dashed = text.starts_with("——") || text.ends_with("——");
    let limit = if dashed { MAX_DASHED_HEADLINE_CHARS } else { MAX_HEADLINE_CHARS };
    char_count(text) <= limit && !text.contains(SENTENCE_ENDS) && !text.ends_with(['，', '、', ','])
}

/// Evidence that a heading-shaped `line` is really prose that `next` carries
/// on: it ends with a word no headline ends with, or `next` starts
/// mid-sentence.
fn reads_as_broken_line(line: &str, next: &str) -> bool {
    line.ends_with(DANGLING_ENDS) || starts_mid_sentence(next)
}

/// A paragraph that cannot be the start of a sentence: it opens with a
/// closing mark, its first clause is a single character (`户,将宣讲…`), or
/// its first sentence closes a quote or bracket it never opened
/// (`力建设”等议题…`).
fn starts_mid_sentence(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    if NON_OPENING_MARKS.contains(&first) {
        return true;
    }
    let mut clause_chars = 0;
    for c in text.chars() {
        if CLAUSE_ENDS.contains(&c) {
            if clause_chars == 1 {
                return true;
            }
            break;
        }
        if c.is_alphanumeric() {
            clause_chars += 1;
        }
    }
    let mut depth = [0usize; BRACKETS.len()];
    for c in first_sentence(text).chars() {
        for (n, (open, close)) in BRACKETS.iter().enumerate() {
            if c == *open {
                depth[n] += 1;
            } else if c == *close {
                if depth[n] == 0 {
                    return true;
                }
                depth[n] -= 1;
            }
        }
    }
    false
}

/// A headline line that is neither a kicker, a lead-in (`…——`) nor a
/// subtitle (`——…`).
fn is_plain_headline(line: &str) -> bool {
    !line.starts_with("——") && !line.ends_with("——") && !is_kicker(line)
}

/// A line naming a place or an organisation: it ends with `：`, or it is
/// short, unquoted, unspaced and ends like an organisation or place name.
fn is_kicker(line: &str) -> bool {
    if ends_with_colon(line) {
        return true;
    }
    let quoted = line.contains(|c: char| BRACKETS.iter().any(|(open, close)| c == *open || c == *close));
    char_count(line) <= MAX_KICKER_CHARS
        && !quoted
        && !line.contains(char::is_whitespace)
        && KICKER_SUFFIXES.split_whitespace().any(|suffix| line.ends_with(suffix))
}

/// A line of short parallel phrases (`强基础 激活力 增质效`,
/// `坚持问题导向、需求导向、服务导向`) or wholly in quotes
/// (`“青年担当 平安守望”`).
fn is_slogan(line: &str) -> bool {
    let first = line.chars().next();
    let last = line.chars().next_back();
    let quoted = BRACKETS.iter().any(|&(open, close)| first == Some(open) && last == Some(close));
    let parts: Vec<&str> =
        line.split(|c: char| c.is_whitespace() || c == '、').filter(|p| !p.is_empty()).collect();
    quoted || (parts.len() >= 2 && parts.iter().all(|p| char_count(p) <= MAX_SLOGAN_PART_CHARS))
}

/// A short complete paragraph opening a box and describing a picture.
fn is_caption_box(para: &Para) -> bool {
    para.opens_box
        && ends_complete(&para.text)
        && char_count(&para.text) <= MAX_CAPTION_BOX_CHARS
        && CAPTION_PHRASES.iter().any(|phrase| para.text.contains(phrase))
}

/// `图为…`, `上图：…`, `▲…`, or a paragraph with a `图为` sentence.
fn is_caption_line(text: &str) -> bool {
    let positioned = PICTURE_POSITIONS.iter().any(|position| {
        text.strip_prefix(position)
            .is_some_and(|rest| rest.starts_with(['：', ':', '为']) || rest.starts_with(char::is_whitespace))
    });
    CAPTION_MARKS.iter().any(|mark| text.starts_with(mark))
        || positioned
        || picture_sentence_at(text).is_some()
}

/// Byte offset of a `图为` that opens a sentence inside a paragraph.
fn picture_sentence_at(text: &str) -> Option<usize> {
    text.match_indices("图为").map(|(at, _)| at).find(|&at| {
        text.get(..at)
            .and_then(|before| before.trim_end().chars().next_back())
            .is_some_and(|c| SENTENCE_ENDS.contains(&c))
    })
}

/// The words of a caption line, without its marker (`图为`, `上图：`, `▲`).
fn caption_words(text: &str) -> &str {
    if let Some(rest) = text.strip_prefix("图为") {
        return rest;
    }
    if let Some(at) = picture_sentence_at(text) {
        return text.get(at + "图为".len()..).unwrap_or(text);
    }
    for position in PICTURE_POSITIONS {
        if let Some(rest) = text.strip_prefix(position) {
            return rest.trim_start_matches(['：', ':', '为']).trim_start();
        }
    }
    CAPTION_MARKS.iter().find_map(|mark| text.strip_prefix(mark)).unwrap_or(text)
}

/// A personal name standing alone: 2–4 characters, a common surname first
/// (or made of Tibetan name parts), and not a place.
fn is_bare_name(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if !(2..=4).contains(&chars.len()) || !chars.iter().all(|&c| is_cjk(c)) {
        return false;
    }
    if gazetteer::prefecture_of(text).is_some() {
        return false;
    }
    let han = chars.len() <= 3 && SURNAMES.contains(chars[0]);
    let compound = chars.len() >= 3 && COMPOUND_SURNAMES.iter().any(|s| text.starts_with(s));
    let tibetan = chars.len() % 2 == 0
        && chars.chunks(2).all(|pair| TIBETAN_NAME_PARTS.contains(&pair.iter().collect::<String>().as_str()));
    han || compound || tibetan
}

/// A plausible name token: 2–8 Chinese characters (or `·` in transcribed
/// names).
fn is_name(token: &str) -> bool {
    let count = char_count(token);
    (2..=MAX_NAME_CHARS).contains(&count) && token.chars().all(|c| is_cjk(c) || c == '·' || c == '•')
}

/// Names in a byline-like text: optional work label, roles, names. With
/// `need_role`, a role word must be present (`本报记者`).
fn names_in(text: &str, need_role: bool) -> Option<Vec<String>> {
    if char_count(text) > MAX_BYLINE_CHARS {
        return None;
    }
    let mut names = Vec::new();
    let mut saw_role = false;
    for token in text.split(|c: char| c.is_whitespace() || matches!(c, '、' | '，' | ',' | '；')) {
        let token = token.trim_end_matches(['：', ':']);
        if token.is_empty() || WORK_LABELS.contains(&token) {
            continue;
        }
        let token = match REPORTER_ROLES.iter().find_map(|role| token.strip_prefix(role)) {
            Some(rest) => {
                saw_role = true;
                rest
            }
            None => token,
        };
        if token.is_empty() {
            continue;
        }
        if !is_name(token) {
            return None;
        }
        names.push(token.to_string());
    }
    (!names.is_empty() && (saw_role || !need_role)).then_some(names)
}

/// `本报记者 卢文婷`, `图/文 本报记者 卢文婷` → the names.
fn byline_names(text: &str) -> Option<Vec<String>> {
    names_in(text, true)
}

/// `本报记者 格桑伦珠 裴聪 摄` → the names.
fn credit_names(text: &str) -> Option<Vec<String>> {
    let names = text.strip_suffix("摄影").or_else(|| text.strip_suffix('摄'))?.trim_end();
    names_in(names, false)
}

/// The credit at the end of a caption line (`图为…。 本报记者 裴聪 摄`).
fn inline_credit(text: &str) -> Option<Vec<String>> {
    let (at, end) = text.char_indices().rev().find(|(_, c)| SENTENCE_ENDS.contains(c))?;
    credit_names(text.get(at + end.len_utf8()..)?.trim())
}

/// A parsed dateline: `本报那曲电（记者 曲珍）`.
struct Dateline {
    place: Option<String>,
    reporters: Vec<String>,
    /// Byte length of the dateline at the start of the paragraph.
    len: usize,
}

fn dateline(text: &str) -> Option<Dateline> {
    let rest = text.strip_prefix("本报")?;
    let mut place = String::new();
    let mut after = None;
    for (at, c) in rest.char_indices() {
        if c == '电' || c == '讯' {
            after = Some(at + c.len_utf8());
            break;
        }
        if !is_cjk(c) || char_count(&place) >= MAX_DATELINE_PLACE_CHARS {
            return None;
        }
        place.push(c);
    }
    let after = after?;
    let tail = rest.get(after..)?;
    let (reporters, credit_len) = match parenthesised(tail) {
        Some((inner, len)) => match names_in(inner, true) {
            Some(names) => (names, len),
            None => (Vec::new(), 0),
        },
        None => (Vec::new(), 0),
    };
    Some(Dateline {
        place: (!place.is_empty()).then_some(place),
        reporters,
        len: "本报".len() + after + credit_len,
    })
}

/// The text inside a bracket pair opening `text`, and the pair's byte length.
fn parenthesised(text: &str) -> Option<(&str, usize)> {
    let open = text.chars().next().filter(|c| matches!(c, '（' | '('))?;
    let inner_start = open.len_utf8();
    let (close_at, close) = text.char_indices().skip(1).find(|(_, c)| matches!(c, '）' | ')'))?;
    Some((text.get(inner_start..close_at)?, close_at + close.len_utf8()))
}

/// The paragraph without its dateline.
fn without_dateline(text: &str) -> &str {
    dateline(text).and_then(|d| text.get(d.len..)).unwrap_or(text)
}

/// Whether `text` shares [`ECHO_CHARS`] consecutive Chinese characters with
/// `headline`.
fn echoes(text: &str, headline: &str) -> bool {
    let chars: Vec<char> = headline.chars().collect();
    chars
        .windows(ECHO_CHARS)
        .filter(|window| window.iter().all(|&c| is_cjk(c)))
        .any(|window| text.contains(&window.iter().collect::<String>()))
}

/// The heading lines of a head, one per line (bylines left out).
fn heading_text(page: &Page, head: &[usize]) -> String {
    head.iter()
        .filter(|&&i| page.shapes[i] == Shape::Heading)
        .map(|&i| page.text(i))
        .collect::<Vec<_>>()
        .join("\n")
}

// ---------------------------------------------------------------------------
// Titles.

/// Up to and including the first sentence end, trimmed.
fn first_sentence(text: &str) -> &str {
    let text = text.trim();
    match text.char_indices().find(|(_, c)| SENTENCE_ENDS.contains(c)) {
        Some((at, c)) => text.get(..at + c.len_utf8()).unwrap_or(text),
        None => text,
    }
}

/// Drops a short opening clause such as `近日，` or `连日来,`.
fn drop_opening_clause(text: &str) -> &str {
    for (n, (at, c)) in text.char_indices().enumerate() {
        if n > MAX_OPENING_CLAUSE_CHARS {
            break;
        }
        if CLAUSE_ENDS.contains(&c) {
            let rest = text.get(at + c.len_utf8()..).unwrap_or("").trim_start();
            return if matches!(c, '，' | ',') && n > 0 && !rest.is_empty() { rest } else { text };
        }
    }
    text
}

/// A title of at most [`MAX_TITLE_CHARS`]: cut at the last clause boundary
/// that fits, else at the limit; no trailing punctuation.
fn shorten(text: &str) -> String {
    let text = text.trim().trim_end_matches(|c: char| SENTENCE_ENDS.contains(&c) || c.is_whitespace());
    if char_count(text) <= MAX_TITLE_CHARS {
        return text.to_string();
    }
    let cut = text
        .char_indices()
        .enumerate()
        .take_while(|(n, _)| *n <= MAX_TITLE_CHARS)
        .filter(|(n, (_, c))| *n >= MIN_TITLE_CLAUSE_CHARS && CLAUSE_ENDS.contains(c))
        .map(|(_, (at, _))| at)
        .last();
    match cut.and_then(|at| text.get(..at)) {
        Some(clauses) => clauses.to_string(),
        None => text.chars().take(MAX_TITLE_CHARS).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE_000: &str = include_str!("../../seeds/000_61f1c7b557cf5f71.txt");
    const PAGE_001: &str = include_str!("../../seeds/001_3807c8ec322bd073.txt");
    const PAGE_002: &str = include_str!("../../seeds/002_9b973fe594326dfa.txt");
    const PAGE_003: &str = include_str!("../../seeds/003_6b5420230e65fc81.txt");
    const PAGE_004: &str = include_str!("../../seeds/004_69c8c66161749de4.txt");
    const PAGES: [(&str, &str); 5] =
        [("000", PAGE_000), ("001", PAGE_001), ("002", PAGE_002), ("003", PAGE_003), ("004", PAGE_004)];

    use ItemKind::{Article, Commentary, Photo};

    /// One expected item: first line, title, kind, reporters, region, place.
    type Expected =
        (usize, &'static str, ItemKind, &'static [&'static str], &'static str, Option<&'static str>);
    type Actual = (usize, String, ItemKind, Vec<String>, &'static str, Option<String>);

    fn actual(items: &[PageItem]) -> Vec<Actual> {
        items
            .iter()
            .map(|i| (i.line, i.title.clone(), i.kind, i.reporters.clone(), i.region, i.place.clone()))
            .collect()
    }

    fn expected(table: &[Expected]) -> Vec<Actual> {
        table
            .iter()
            .map(|&(line, title, kind, reporters, region, place)| {
                let reporters = reporters.iter().map(|r| r.to_string()).collect();
                (line, title.to_string(), kind, reporters, region, place.map(str::to_string))
            })
            .collect()
    }

    /// Compare a page's items with its table, item by item, then as a whole.
    fn check_page(name: &str, page: &str, table: &[Expected]) -> Vec<PageItem> {
        let items = split_page(page);
        let (got, want) = (actual(&items), expected(table));
        for (n, (g, w)) in got.iter().zip(&want).enumerate() {
            assert_eq!(g, w, "page {name}, item {n}: (line, title, kind, reporters, region, place)");
        }
        assert_eq!(got, want, "page {name}: item list");
        assert_eq!(items.len(), table.len(), "page {name}: item count");
        items
    }

    fn sorted_visible_chars(text: &str) -> Vec<char> {
        let mut chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
        chars.sort_unstable();
        chars
    }

    /// Every visible character of the page is in exactly one item.
    fn assert_no_text_lost(name: &str, page: &str, items: &[PageItem]) {
        let all: String = items.iter().map(|i| i.text.as_str()).collect();
        assert!(
            sorted_visible_chars(&all) == sorted_visible_chars(page),
            "page {name}: characters lost or duplicated ({} in page, {} in items)",
            sorted_visible_chars(page).len(),
            sorted_visible_chars(&all).len()
        );
    }

    /// The one item whose text contains `needle`.
    fn item_with<'a>(items: &'a [PageItem], needle: &str) -> &'a PageItem {
        let found: Vec<&PageItem> = items.iter().filter(|i| i.text.contains(needle)).collect();
        assert_eq!(found.len(), 1, "{needle:?} should be in exactly one item");
        found[0]
    }

    #[test]
    fn page_000() {
        let items = check_page(
            "000",
            PAGE_000,
            &[
                (5, "强基固本 提质增效", Article, &["卢文婷"], "拉萨市", None),
                (25, "堆龙德庆区乃琼社区举行“党员中心户”集中授牌仪式", Photo, &[], "拉萨市", None),
                (55, "慈松塘社区党总支召开“酥油茶话会”", Photo, &[], "拉萨市", None),
                (59, "党建聚合力 发展增动能", Article, &["刘琳琳"], "拉萨市", None),
                (
                    83,
                    "着力推动基层党建与基层治理深度融合",
                    Article,
                    &["刘枫", "王珊"],
                    "林芝市",
                    Some("巴宜"),
                ),
                (95, "强化党建品牌建设 提升为民服务能力", Article, &["曲珍"], "那曲市", Some("那曲")),
                (107, "为日土县德汝村组织爱心衣物捐赠", Article, &["温凯", "永青"], "阿里地区", Some("日土")),
                (123, "嘉黎县公安局民警为群众普及相关法律法规及安全知识", Photo, &["曲珍"], "那曲市", None),
            ],
        );
        // The article interrupted by a caption box is one item, joined mid-sentence.
        let article = item_with(&items, "强基固本 提质增效");
        assert!(article.text.contains("全面开展“干部讲堂”，促进党建"));
        assert!(!article.text.contains("授牌仪式"));
        assert_eq!(item_with(&items, "这是授牌仪式现场").kind, Photo);
        // Other broken sentences of the page.
        for joined in [
            "党组织覆盖率达88.16%",
            "兴办符合产业政策",
            "凝聚企业发展合力",
            "支部班子成员",
            "村容村貌焕然一新",
        ] {
            item_with(&items, joined);
        }
        // Section headings stay in the article, on their own line.
        assert!(article.text.contains("\n蓄势赋能——不断提高“一抓两促”水平\n"));
        assert!(article
            .text
            .starts_with("强基固本 提质增效\n——拉萨市基层党建工作扫描\n图/文 本报记者 卢文婷\n"));
    }

    #[test]
    fn page_001() {
        let items = check_page(
            "001",
            PAGE_001,
            &[
                (3, "绘就乡村振兴共富共美新图景", Article, &["万靖"], "那曲市", None),
                (51, "以“党建+积分”模式提升基层治理能力", Article, &["万靖"], "那曲市", Some("那曲")),
                (65, "实施“三聚焦”战略 提升群众生活品质", Article, &["巴桑旺姆"], "山南市", Some("泽当")),
                (79, "联合开展党建“三联促三动”主题活动", Article, &["杨子彦"], "日喀则市", Some("日喀则")),
                (
                    91,
                    "共青团昌都市委开展平安卫士青年故事汇活动",
                    Article,
                    &["平措郎加"],
                    "昌都市",
                    Some("昌都"),
                ),
                (105, "『家门口』的党建 守护群众幸福", Photo, &["次仁片多"], "拉萨市", None),
                (
                    117,
                    "阿里地区扎实推动基层党建工作纵深发展",
                    Article,
                    &["温凯", "永青"],
                    "阿里地区",
                    Some("狮泉河"),
                ),
            ],
        );
        let first = item_with(&items, "教育培训常态化制度化。");
        assert_eq!(first.title, "绘就乡村振兴共富共美新图景");
        for joined in
            ["色尼区黑河街道办", "服务群众的能力。", "科学制定群众", "消防战线则是人民群众", "坚持把政治标准"]
        {
            item_with(&items, joined);
        }
        // The page ends mid-sentence; the fragment stays the end of its article.
        assert!(items[6].text.ends_with("此外，依托重要时"));
        let photo = &items[5];
        assert!(photo.text.starts_with("『家门口』的党建 守护群众幸福\n近日，"));
        assert!(photo.text.ends_with("左图：八一街道工作人员检查治理“飞线充电”。\n本报记者 次仁片多 摄"));
    }

    #[test]
    fn page_002() {
        let items = check_page(
            "002",
            PAGE_002,
            &[
                (3, "「党建红」引领「生态绿」 绘就乡村新画卷", Article, &["贡秋曲措"], "昌都市", None),
                (27, "抓党建促发展 转作风提效能", Article, &["杨子彦"], "日喀则市", Some("日喀则")),
                (35, "党建凝聚力量 激活发展动能", Article, &["拉巴桑姆"], "拉萨市", Some("拉萨")),
                (45, "车辆捐赠仪式现场", Photo, &["次仁片多"], "山南市", None),
                (49, "增强党在新兴领域号召力凝聚力影响力", Article, &["索朗琼珠"], "拉萨市", None),
                (75, "关怀老党员 温暖送到家", Photo, &["彭琦"], "山南市", None),
                (
                    81,
                    "党建注重融合 画好民族团结同心圆",
                    Article,
                    &["索朗琼珠", "次仁片多"],
                    "林芝市",
                    Some("拉萨"),
                ),
                (93, "墨脱县探索党建工作“月月谈”", Article, &["胡文"], "林芝市", Some("巴宜")),
            ],
        );
        // A photo headline printed under its caption goes first in its text.
        assert!(items[5].text.starts_with("关怀老党员 温暖送到家\n为践行社会主义核心价值观"));
        assert!(items[6].text.starts_with("米林市扎西绕登乡\n党建注重融合"));
        for joined in ["等7家行业党委", "感恩教育和爱国主义教育", "组织参训学员代表"]
        {
            item_with(&items, joined);
        }
    }

    #[test]
    fn page_003() {
        let items = check_page(
            "003",
            PAGE_003,
            &[
                (3, "讲政治 顾大局 敢担当", Article, &["索朗琼珠"], "西藏自治区", None),
                (27, "为群众筑起“红色堤坝”", Article, &["次仁片多"], "拉萨市", None),
                (49, "“三个一批”提升党员教育管理水平", Article, &["万慧"], "昌都市", Some("昌都")),
                (63, "“党建+”推动驻村工作提质增效", Article, &["万慧"], "昌都市", Some("昌都")),
                (75, "党建引领 携手共建", Photo, &["贡秋曲措"], "昌都市", None),
                (87, "“党建+物业”赋能美好社区生活", Article, &["永青"], "阿里地区", None),
            ],
        );
        // The headline printed after its body: head first, then the body.
        let dike = &items[1];
        assert!(dike.text.starts_with(
            "为群众筑起“红色堤坝”\n尼木县卡如乡赤朗村党员干部全力防汛救灾\n本报记者 次仁片多\n"
        ));
        assert!(dike.text.contains("\n一名党员就是一面旗帜"));
        assert!(dike.text.ends_with("赢得了群众的广泛赞誉和深深信赖。"));
        let review = &items[0];
        assert!(review.text.ends_with("谱写中国式现代化西藏篇章作出新贡献。"));
        assert!(!review.text.contains("一面旗帜"));
        for joined in [
            "公共服务能力建设",
            "抓实党建工作",
            "服务“稳定、发展、生态、强边”",
            "党组织“主引擎”",
            "业主形成委员会",
            "聘请保洁员",
        ] {
            item_with(&items, joined);
        }
    }

    #[test]
    fn page_004() {
        let items = check_page(
            "004",
            PAGE_004,
            &[
                (3, "在一线挥汗 到基层建功", Article, &["鹿丽娟"], "拉萨市", None),
                (49, "推动基层党建全面进步全面过硬", Commentary, &["鹿丽娟"], "拉萨市", None),
                (67, "柳梧新区走访搬迁户", Article, &["刘斯宇"], "拉萨市", Some("拉萨")),
                (73, "柳梧新区开展国家安全宣传教育", Article, &["刘斯宇"], "拉萨市", Some("拉萨")),
                (81, "群众喜领分红金", Photo, &["裴聪"], "拉萨市", None),
                (85, "直播带货", Photo, &["格桑伦珠", "裴聪"], "西藏自治区", None),
                (97, "自治区妇联为社区妇女群众创业“把脉”", Article, &["央金"], "西藏自治区", Some("拉萨")),
                (113, "林周县打造“河畅水清岸绿”景观", Article, &["央金"], "拉萨市", Some("拉萨")),
                (129, "表彰与商户共渡难关共克时艰「好房东」", Article, &["刘斯宇"], "拉萨市", Some("拉萨")),
            ],
        );
        // The fragment at the top of a box continues the 林周县 article.
        // (The page prints 人 for 入: `全面深` + `人实施…`.)
        let river = item_with(&items, "全面深人实施水环境治理");
        assert_eq!(river.title, "林周县打造“河畅水清岸绿”景观");
        assert!(river.text.ends_with("设立库长负责水库的日常运行和管理工作。"));
        // Heading-shaped lines broken mid-sentence are joined too.
        for joined in [
            "走村入户,将宣讲",
            "一问题一对策”的要求",
            "转化为脱贫攻坚",
            "老城区所辖",
            "作出的贡献",
            "提供了2200余株",
            "起一个带头作用",
        ] {
            item_with(&items, joined);
        }
        let commentary = &items[1];
        assert!(commentary.text.starts_with("推动基层党建全面进步全面过硬\n鹿丽娟\n发展是第一要务"));
        assert!(commentary.text.contains("笔者认为"));
        assert!(items[5].text.starts_with("直播带货\n连日来"));
    }

    #[test]
    fn no_text_is_lost_or_duplicated_on_any_page() {
        for (name, page) in PAGES {
            let items = split_page(page);
            assert_no_text_lost(name, page, &items);
            for item in &items {
                assert!(!item.title.trim().is_empty(), "page {name}: empty title at line {}", item.line);
                assert!(!item.text.contains("\n\n"), "page {name}: blank line in item at line {}", item.line);
                assert!(!item.text.starts_with('\n') && !item.text.ends_with('\n'));
            }
        }
    }

    #[test]
    fn spaces_inside_lines_are_kept() {
        let items = split_page(PAGE_000);
        assert!(items[0].text.starts_with("强基固本 提质增效\n"));
        assert!(item_with(&items, "“乡村振兴 那曲奋进”活动").title.contains(' '));
        let items = split_page(PAGE_001);
        assert!(items[4].text.starts_with("“青年担当 平安守望”\n"));
    }

    #[test]
    fn odd_inputs_do_not_panic_and_lose_nothing() {
        let long_line = "拉萨市城关区".repeat(300);
        let crlf = PAGE_003.replace('\n', "\r\n");
        let cases: Vec<(&str, String)> = vec![
            ("empty", String::new()),
            ("whitespace", " \n\t\n\u{3000}\n\r\n".to_string()),
            ("one long line", long_line),
            ("crlf", crlf.clone()),
            (
                "only headlines",
                "讲政治 顾大局 敢担当\n\n——自治区政协机关党建工作综述\n\n林芝市\n\n\n\n直播带货\n"
                    .to_string(),
            ),
            ("only a byline", "本报记者 卢文婷".to_string()),
            ("only a dateline", "本报巴宜电(记者 胡文)".to_string()),
            ("only a credit", "\n\n本报记者 次仁片多 摄\n\n".to_string()),
            ("only marks", "。\n\n——\n\n“”\n\n：".to_string()),
            ("lone carriage returns", "第一行\r第二行。\r\n\r\n第三行".to_string()),
            ("unclosed parenthesis", "本报拉萨讯(记者 刘斯宇\n\n图为\n\n本报\n\n▲".to_string()),
        ];
        for (name, page) in &cases {
            let items = split_page(page);
            assert_no_text_lost(name, page, &items);
            assert!(items.iter().all(|i| !i.title.is_empty()), "{name}: empty title");
        }
        assert!(split_page("").is_empty());
        assert!(split_page(" \n\n \t ").is_empty());
        assert_eq!(split_page("讲政治 顾大局 敢担当\n\n林芝市").len(), 1);
        // CRLF line endings give the same items as LF.
        assert_eq!(split_page(&crlf), split_page(PAGE_003));
    }

    /// Pages rebuilt from the seed lines in scrambled orders, with random
    /// gaps, and cut at arbitrary points: no panic, no text lost.
    #[test]
    fn scrambled_and_truncated_pages_lose_nothing() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut random = move |bound: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % bound.max(1)
        };
        for (name, page) in PAGES {
            let lines: Vec<&str> = page.lines().filter(|l| !l.trim().is_empty()).collect();
            for round in 0..20 {
                let mut shuffled = lines.clone();
                for i in (1..shuffled.len()).rev() {
                    shuffled.swap(i, random(i + 1));
                }
                let mut text = String::new();
                for line in shuffled {
                    text.push_str(line);
                    text.push_str(&"\n".repeat(1 + random(4)));
                }
                let items = split_page(&text);
                assert_no_text_lost(&format!("{name} scrambled #{round}"), &text, &items);
                let cut = page.char_indices().nth(random(page.chars().count())).map_or(0, |(at, _)| at);
                let prefix = &page[..cut];
                assert_no_text_lost(&format!("{name} cut at {cut}"), prefix, &split_page(prefix));
            }
        }
    }

    #[test]
    fn rules_on_small_pages() {
        // A sentence broken around a captioned photo is joined; the photo is its own item.
        let page = "标题一行\n\n本报记者 王明\n\n他们坚持把群众的冷暖挂在心上，用实际行动为群众排忧解难，开展\n\n\n近日，某村举行仪式。\n\n图为仪式现场。 本报记者 李华 摄\n\n培训活动。\n";
        let items = split_page(page);
        assert_eq!(items.len(), 2);
        assert!(items[0].text.ends_with("排忧解难，开展培训活动。"));
        assert_eq!((items[1].kind, items[1].title.as_str()), (Photo, "仪式现场"));
        assert_eq!(items[1].reporters, ["李华"]);
        // A headline over a bare name is a commentary.
        let items = split_page("要把好事办好\n\n张三\n\n笔者认为，办好事要用心。\n");
        assert_eq!((items.len(), items[0].kind), (1, Commentary));
        assert_eq!(items[0].reporters, ["张三"]);
        // Headline and subheading after a headless photo both stay with the article.
        let page = "近日，某村举行仪式。\n\n图为仪式现场。\n\n主标题在此\n\n副标题也在此\n\n本报记者 王明\n\n正文。\n";
        let items = split_page(page);
        assert_eq!(items[1].title, "主标题在此");
        assert!(items[1].text.starts_with("主标题在此\n副标题也在此\n"));
        // A fragment with no open item to join stays an item of its own.
        let page = "标题一行\n\n本报记者 王明\n\n第一段完整。\n\n\n另起的一段内容，也是完整的。\n";
        let items = split_page(page);
        assert_eq!(items.len(), 2);
        assert_eq!((items[1].title.as_str(), items[1].line), ("另起的一段内容，也是完整的", 8));
    }

    #[test]
    fn kinds_have_names() {
        assert_eq!(Article.as_str(), "article");
        assert_eq!(Photo.as_str(), "photo");
        assert_eq!(Commentary.as_str(), "commentary");
    }

    #[test]
    fn datelines_give_place_reporters_and_length() {
        let d = dateline("本报那曲电（记者 曲珍）近年来，安多县").unwrap();
        assert_eq!((d.place.as_deref(), d.reporters.as_slice()), (Some("那曲"), &["曲珍".to_string()][..]));
        assert_eq!(without_dateline("本报那曲电（记者 曲珍）近年来，安多县"), "近年来，安多县");
        let d = dateline("本报拉萨讯(记者 索朗琼珠 次仁片多)近年来").unwrap();
        assert_eq!(d.reporters, ["索朗琼珠", "次仁片多"]);
        let d = dateline("本报讯 近日").unwrap();
        assert_eq!((d.place, d.reporters.len()), (None, 0));
        assert!(dateline("本报记者 卢文婷").is_none());
        assert!(dateline("本报告指出，今年").is_none());
    }

    #[test]
    fn bylines_and_credits_give_names() {
        assert_eq!(byline_names("图/文 本报记者 卢文婷").unwrap(), ["卢文婷"]);
        assert_eq!(byline_names("本报记者 温凯 永青").unwrap(), ["温凯", "永青"]);
        assert!(byline_names("鹿丽娟").is_none());
        assert!(byline_names("本报记者 次仁片多 摄").is_none());
        assert_eq!(credit_names("本报记者 格桑伦珠 裴聪 摄").unwrap(), ["格桑伦珠", "裴聪"]);
        assert_eq!(inline_credit("图为车辆捐赠仪式现场。 本报记者 次仁片多 摄").unwrap(), ["次仁片多"]);
        assert!(credit_names("无人机在空中进行航拍摄").is_none());
        assert!(is_bare_name("鹿丽娟") && is_bare_name("次仁片多"));
        assert!(!is_bare_name("直播带货") && !is_bare_name("安多县") && !is_bare_name("林芝市"));
    }

    #[test]
    fn broken_lines_are_told_from_headings() {
        assert!(starts_mid_sentence("户,将宣讲党的脱贫攻坚政策"));
        assert!(starts_mid_sentence("力建设”等议题深入协商议政10余次，"));
        assert!(starts_mid_sentence("，继续"));
        assert!(!starts_mid_sentence("乡村要振兴，关键是把基层党组织建好、建强。"));
        assert!(!starts_mid_sentence("“以前,从没想过自己家的牛还会有身份证。”"));
        assert!(!starts_mid_sentence("近日，拉萨市"));
        assert!(reads_as_broken_line("按照“一支部一方案,一问题一对策”的", "要求,建立完善了"));
        assert!(!reads_as_broken_line("当起致富带头人", "“以前,从没想过…”"));
        assert!(is_heading_shaped("那曲市色尼区以党建为引领，抓好产业发展、人居环境整治、基层治理等工作——"));
        assert!(!is_heading_shaped("拉萨市建立市直机关工委班子分片联系机关党建工作机制，全面开展"));
        assert!(!is_heading_shaped("坚持抓队伍建设激活力。坚持把"));
    }

    #[test]
    fn head_roles_pick_the_main_headline() {
        use HeadRole::{Intro, Kicker, Main, Sub};
        let cases: [(&[&str], &[HeadRole]); 6] = [
            (&["那曲市安多县", "强化党建品牌建设 提升为民服务能力"], &[Kicker, Main]),
            (&["着力推动基层党建与基层治理深度融合", "林芝市"], &[Main, Kicker]),
            (&["强基础 激活力 增质效", "阿里地区扎实推动基层党建工作纵深发展"], &[Intro, Main]),
            (&["讲政治 顾大局 敢担当", "——自治区政协机关党建工作综述"], &[Main, Sub]),
            (&["为群众筑起“红色堤坝”", "尼木县卡如乡赤朗村党员干部全力防汛救灾"], &[Main, Sub]),
            (
                &["拉萨市委两新工委持续探索党建工作有效路径——", "增强党在新兴领域号召力凝聚力影响力"],
                &[Intro, Main],
            ),
        ];
        for (lines, roles) in cases {
            assert_eq!(head_roles(lines), roles, "{lines:?}");
        }
        assert_eq!(headline_of(&["林芝市"]).as_deref(), Some("林芝市"));
        assert_eq!(headline_of(&["——"]), None);
    }

    #[test]
    fn derived_titles_are_short_sentences() {
        assert_eq!(shorten("车辆捐赠仪式现场。"), "车辆捐赠仪式现场");
        assert_eq!(
            shorten("慈松塘社区党总支召开“酥油茶话会”，就社区治理工作听取离退休老党员的意见建议。"),
            "慈松塘社区党总支召开“酥油茶话会”"
        );
        assert_eq!(shorten(&"长".repeat(50)).chars().count(), MAX_TITLE_CHARS);
        assert_eq!(drop_opening_clause("近日，堆龙德庆区举行仪式。"), "堆龙德庆区举行仪式。");
        assert_eq!(drop_opening_clause("乡村要振兴，关键"), "乡村要振兴，关键");
        assert_eq!(
            caption_words("上图：八一街道工作人员为辖区党员中心户挂牌。"),
            "八一街道工作人员为辖区党员中心户挂牌。"
        );
        let photo = split_page("\n\n近日，某村举行仪式。这是仪式现场。\n");
        assert_eq!((photo.len(), photo[0].kind), (1, Photo));
        assert_eq!(photo[0].title, "某村举行仪式");
    }
}
