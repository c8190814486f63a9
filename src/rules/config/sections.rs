//! Reading each section of a `dvk.toml`: in go the tables of [`super::toml_reader`] and the
//! built-in configuration, out comes the [`Config`] with what the file sets in `[committee]`,
//! `[workspace]`, `[default]`, `[[cycle]]` and `[[phase]]` laid over the built-in values, or
//! the [`Error::Config`] of the first key that cannot be used (its line, key and reason).
//!
//! Its entry is [`Config::from_toml`], an `impl` of the parent's type written here, so that the
//! parent never names this module and no import goes both ways.

use std::path::{Path, PathBuf};

use chrono::Datelike;

use crate::error::Result;
use crate::rules::{
    Cycle, CycleDate, CycleDeadline, CycleRule, Deadline, Phase, Recognition, RuleOrigin,
    RulePattern, Rules, Window,
};
use crate::sheet::format_date;

use super::toml_reader::{
    cycle_date, full_date, margin_mm, month, non_empty_text, parse, quota, share, text, texts,
    year, years, Item, Problem, Read, Scope, Table,
};
use super::{Config, Margins, Workspace, FILE_NAME};

impl Config {
    /// Reads a configuration from the text of a `dvk.toml`; `path` is where it came from, for
    /// messages. Anything the text leaves out keeps its built-in value.
    ///
    /// # Example
    ///
    /// ```
    /// use std::path::Path;
    /// use dvk::rules::config::Config;
    ///
    /// let err = Config::from_toml("[default]\nregistration_due = \"31/02\"\n", Path::new("dvk.toml"))
    ///     .unwrap_err();
    /// assert_eq!(
    ///     err.to_string(),
    ///     "dvk.toml, dòng 2, khóa «default.registration_due»: cần ngày dạng dd/mm (ví dụ 10/10), gặp «31/02»: tháng 2 không có ngày 31"
    /// );
    /// ```
    pub fn from_toml(text: &str, path: &Path) -> Result<Config> {
        // Notepad on older Windows starts UTF-8 files with a byte order mark.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut config = read_sections(text).map_err(|p| p.into_error(text, path))?;
        config.path = Some(path.to_path_buf());
        Ok(config)
    }
}

fn read_sections(text: &str) -> Read<Config> {
    let document = parse(text)?;
    let top = Table::top(&document);
    top.expect_keys(&[
        "committee",
        "workspace",
        "default",
        "cycle",
        "phase",
        "aliases",
        "document",
    ])?;
    let mut config = Config::builtin();
    if let Some(table) = top.table("document")? {
        read_document(&table, &mut config.committee.margins)?;
    }
    if let Some(table) = top.table("committee")? {
        read_committee(&table, &mut config)?;
    }
    if let Some(table) = top.table("aliases")? {
        config.aliases = read_aliases(&table)?;
    }
    if let Some(table) = top.table("workspace")? {
        read_workspace(&table, &mut config.workspace)?;
    }
    let builtin = &config.rules;
    let default_table = top.table("default")?;
    let default = match &default_table {
        Some(table) => read_default(table, builtin.default_rule())?,
        None => builtin.default_rule().clone(),
    };
    let cycles = top.tables("cycle")?;
    let cycles = if cycles.is_empty() {
        if let Some(table) = &default_table {
            check_builtin_cycles(builtin.cycles(), &default, table)?;
        }
        builtin.cycles().to_vec()
    } else {
        read_cycles(&cycles, &default)?
    };
    let phases = top.tables("phase")?;
    let phases = if phases.is_empty() {
        builtin.phases().to_vec()
    } else {
        read_phases(&phases, &default)?
    };
    config.rules = Rules::new(default, cycles, phases);
    Ok(config)
}

/// `[document]`: `margins_mm = { top = 20, bottom = 20, left = 30, right = 15 }`, each side
/// optional (the guidance's value when left out).
fn read_document(table: &Table<'_, '_>, margins: &mut Margins) -> Read<()> {
    table.expect_keys(&["margins_mm"])?;
    let Some(sides) = table.table("margins_mm")? else {
        return Ok(());
    };
    sides.expect_keys(&["top", "bottom", "left", "right"])?;
    for (key, slot) in [
        ("top", &mut margins.top),
        ("bottom", &mut margins.bottom),
        ("left", &mut margins.left),
        ("right", &mut margins.right),
    ] {
        if let Some(item) = sides.get(key, margin_mm)? {
            *slot = item.value;
        }
    }
    Ok(())
}

fn read_committee(table: &Table<'_, '_>, config: &mut Config) -> Read<()> {
    table.expect_keys(&[
        "issuer",
        "higher",
        "organisation",
        "place",
        "abbreviation",
        "signer_role",
        "signer_title",
        "signer_name",
        "report_recipients",
        "reminder_recipients",
        "report_tasks",
        "fields",
        // Read still, with a note: the keys of versions before the header block was
        // corrected.
        "name",
        "number_prefix",
        "field_synonyms",
    ])?;
    let committee = &mut config.committee;
    for (key, slot) in [
        ("issuer", &mut committee.issuer),
        ("higher", &mut committee.higher),
        ("organisation", &mut committee.organisation),
        ("place", &mut committee.place),
        ("abbreviation", &mut committee.abbreviation),
        ("signer_role", &mut committee.signer_role),
        ("signer_title", &mut committee.signer_title),
    ] {
        if let Some(item) = table.get(key, non_empty_text)? {
            *slot = item.value;
        }
    }
    let issuer = table.get("issuer", non_empty_text)?.is_some();
    let organisation = table.get("organisation", non_empty_text)?.is_some();
    if let Some(item) = table.get("name", non_empty_text)? {
        // `name` was the organisation ("Đảng bộ Sở Tư pháp"), printed where the issuing
        // committee ("Đảng ủy Sở Tư pháp") belongs.
        if !organisation {
            committee.organisation = item.value.clone();
        }
        if !issuer {
            committee.issuer = super::committee_of(&item.value);
        }
        config.notes.push(format!(
            "khóa «name» của [committee] đã đổi: dòng in đậm của khối tiêu đề là cấp ủy ban hành, ghi «issuer = \"{}\"»; tên đảng bộ in trên biểu mẫu của chi bộ là «organisation = \"{}\"»",
            committee.issuer, committee.organisation
        ));
    } else if issuer && !organisation {
        committee.organisation = super::organisation_of(&committee.issuer);
    }
    if let Some(item) = table.get("number_prefix", non_empty_text)? {
        let abbreviation = item
            .value
            .rsplit('/')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if table.get("abbreviation", non_empty_text)?.is_none() && !abbreviation.is_empty() {
            committee.abbreviation = abbreviation;
        }
        config.notes.push(format!(
            "khóa «number_prefix» của [committee] đã đổi: mỗi loại văn bản có ký hiệu riêng (BC báo cáo, CV công văn), chỉ ghi chữ viết tắt của cấp ủy: «abbreviation = \"{}\"»",
            committee.abbreviation
        ));
    }
    if let Some(item) = table.get("signer_name", text)? {
        committee.signer_name = item.value;
    }
    if let Some(item) = table.get("report_tasks", text)? {
        committee.report_tasks = item.value;
    }
    if table.get("higher", non_empty_text)?.is_some() {
        committee.report_recipients = super::default_report_recipients(&committee.higher);
    }
    for (key, slot) in [
        ("report_recipients", &mut committee.report_recipients),
        ("reminder_recipients", &mut committee.reminder_recipients),
    ] {
        if let Some(item) = table.get(key, texts)? {
            *slot = item.value;
        }
    }
    if let Some(item) = table.get("fields", texts)? {
        config.fields = item.value;
    }
    if let Some(synonyms) = table.table("field_synonyms")? {
        config.field_synonyms = read_field_synonyms(&synonyms, &config.fields)?;
    }
    Ok(())
}

/// `[committee.field_synonyms]`: `"Kinh tế" = ["Sản xuất kinh doanh", …]`, other names the
/// committee's units give a configured field. A key that names no configured field is refused.
fn read_field_synonyms(
    table: &Table<'_, '_>,
    fields: &[String],
) -> Read<Vec<(String, Vec<String>)>> {
    let mut out = Vec::new();
    // The fields by their folded name, folded once (the first of equal ones, as listed).
    let mut by_fold = std::collections::HashMap::with_capacity(fields.len());
    for field in fields {
        by_fold.entry(crate::text::fold(field)).or_insert(field);
    }
    for key in table.key_names() {
        let Some(item) = table.get(&key, texts)? else {
            continue;
        };
        let Some(field) = by_fold.get(&crate::text::fold(&key)) else {
            return Err(Problem::new(
                item.at,
                item.key,
                format!(
                    "«{key}» không phải lĩnh vực trong danh sách fields: {}",
                    fields.join("; ")
                ),
            ));
        };
        out.push((field.to_string(), item.value));
    }
    Ok(out)
}

/// `[aliases]`: a unit's name as the roster writes it = its other names (one, or a list):
/// abbreviations, old names of units renamed or merged into it.
fn read_aliases(table: &Table<'_, '_>) -> Read<Vec<(String, Vec<String>)>> {
    let mut aliases = Vec::new();
    for key in table.keys() {
        let names = table.get(&key, |value| match value {
            toml::de::DeValue::String(_) => non_empty_text(value).map(|s| vec![s]),
            _ => texts(value),
        })?;
        if let Some(item) = names {
            aliases.push((crate::text::clean(&key), item.value));
        }
    }
    Ok(aliases)
}

/// `[workspace]`: each key given replaces the built-in value.
fn read_workspace(table: &Table<'_, '_>, workspace: &mut Workspace) -> Read<()> {
    table.expect_keys(&["roster", "inbox", "templates", "send_to"])?;
    for (key, slot) in [
        ("roster", &mut workspace.roster),
        ("inbox", &mut workspace.inbox),
        ("templates", &mut workspace.templates),
    ] {
        if let Some(item) = table.get(key, non_empty_text)? {
            *slot = PathBuf::from(item.value);
        }
    }
    if let Some(item) = table.get("send_to", non_empty_text)? {
        workspace.send_to = item.value;
    }
    Ok(())
}

/// Keys a rule may set, in `[default]` and `[[cycle]]`.
const RULE_KEYS: [&str; 9] = [
    "source",
    "registration_opens",
    "registration_due",
    "registration_before",
    "self_assessment_due",
    "self_assessment_before",
    "min_collective",
    "min_individual",
    "recognition",
];

/// What a `[default]` or `[[cycle]]` table says, each value with where it is.
struct RuleKeys<'a, 'i> {
    source: Option<Item<String>>,
    opens: Option<Item<CycleDate>>,
    registration: Option<Item<CycleDeadline>>,
    self_assessment: Option<Item<CycleDeadline>>,
    min_collective: Option<Item<u32>>,
    min_individual: Option<Item<u32>>,
    recognition: Option<Table<'a, 'i>>,
}

impl<'a, 'i> Table<'a, 'i> {
    fn rule_keys(&self, scope: Scope) -> Read<RuleKeys<'a, 'i>> {
        Ok(RuleKeys {
            source: self.get("source", non_empty_text)?,
            opens: self.get("registration_opens", |v| cycle_date(v, scope))?,
            registration: self.deadline("registration", scope)?,
            self_assessment: self.deadline("self_assessment", scope)?,
            min_collective: self.get("min_collective", quota)?,
            min_individual: self.get("min_individual", quota)?,
            recognition: self.table("recognition")?,
        })
    }

    /// `{what}_due` (no later than) or `{what}_before` (before), not both.
    fn deadline(&self, what: &str, scope: Scope) -> Read<Option<Item<CycleDeadline>>> {
        let due_key = format!("{what}_due");
        let before_key = format!("{what}_before");
        let due = self.get(&due_key, |v| cycle_date(v, scope))?;
        let before = self.get(&before_key, |v| cycle_date(v, scope))?;
        match (due, before) {
            (Some(_), Some(before)) => Err(Problem::new(
                before.at,
                before.key,
                format!(
                    "chỉ ghi một trong hai khóa {due_key} (chậm nhất ngày, ngày đó vẫn đúng hạn) \
                     và {before_key} (trước ngày, ngày đó đã muộn)"
                ),
            )),
            (Some(due), None) => Ok(Some(Item {
                value: CycleDeadline::on_or_before(due.value),
                key: due.key,
                at: due.at,
            })),
            (None, Some(before)) => Ok(Some(Item {
                value: CycleDeadline::before(before.value),
                key: before.key,
                at: before.at,
            })),
            (None, None) => Ok(None),
        }
    }
}

/// `[default]`: each key given replaces the built-in value.
fn read_default(table: &Table<'_, '_>, builtin: &RulePattern) -> Read<RulePattern> {
    table.expect_keys(&RULE_KEYS)?;
    let keys = table.rule_keys(Scope::Every)?;
    let mut pattern = builtin.clone();
    let sets_dates_or_quotas = keys.opens.is_some()
        || keys.registration.is_some()
        || keys.self_assessment.is_some()
        || keys.min_collective.is_some()
        || keys.min_individual.is_some();
    if let Some(source) = &keys.source {
        pattern.source = source.value.clone();
    } else if sets_dates_or_quotas {
        pattern.source = FILE_NAME.to_string();
    }
    if let Some(opens) = &keys.opens {
        pattern.registration_opens = Some(opens.value);
    }
    if let Some(due) = &keys.registration {
        pattern.registration_due = due.value;
    }
    if let Some(due) = &keys.self_assessment {
        pattern.self_assessment_due = due.value;
    }
    if let Some(n) = &keys.min_collective {
        pattern.min_collective = n.value;
    }
    if let Some(n) = &keys.min_individual {
        pattern.min_individual = n.value;
    }
    if let Some(recognition) = &keys.recognition {
        pattern.recognition = read_recognition(recognition, &builtin.recognition)?;
    }
    // Any year shows an impossible order; 2001 has no 29/02, like most years.
    check_calendar(
        &pattern.rule(2001, RuleOrigin::Default),
        Some(&pattern),
        &keys,
        table,
    )?;
    Ok(pattern)
}

/// The built-in cycles take from `[default]` what they do not say (the letter 821-CV/ĐUK its
/// self-assessment day): a changed default must leave their dates in order too.
fn check_builtin_cycles(
    cycles: &[Cycle],
    default: &RulePattern,
    table: &Table<'_, '_>,
) -> Read<()> {
    let keys = table.rule_keys(Scope::Every)?;
    for cycle in cycles {
        for year in cycle.first_year..=cycle.last_year {
            check_calendar(&cycle.rule(default, year), None, &keys, table)?;
        }
    }
    Ok(())
}

/// `[default.recognition]`, `[cycle.recognition]`: each key given replaces the inherited one.
fn read_recognition(table: &Table<'_, '_>, base: &Recognition) -> Read<Recognition> {
    table.expect_keys(&["vote_share_above", "ratings", "min_rating"])?;
    let mut recognition = base.clone();
    if let Some(item) = table.get("vote_share_above", share)? {
        recognition.vote_share_above = item.value;
    }
    let ratings = table.get("ratings", texts)?;
    let min_rating = table.get("min_rating", non_empty_text)?;
    if let Some(item) = &ratings {
        recognition.ratings = item.value.clone();
    }
    if let Some(item) = &min_rating {
        recognition.min_rating = item.value.clone();
    }
    if recognition.rank(&recognition.min_rating).is_none() {
        let (at, key) = match (&min_rating, &ratings) {
            (Some(item), _) => (item.at, item.key.clone()),
            (None, Some(item)) => (item.at, item.key.clone()),
            (None, None) => (table.at, table.name.clone()),
        };
        return Err(Problem::new(
            at,
            key,
            format!(
                "mức tối thiểu «{}» không có trong các mức xếp loại ({})",
                recognition.min_rating,
                recognition.ratings.join(", ")
            ),
        ));
    }
    Ok(recognition)
}

/// Refuses a rule whose dates are out of order: registration opening after its deadline, or
/// a self-assessment due before registration closes (a forgotten "năm sau").
///
/// The rule of one year is checked; `pattern`, for `[default]`, words the message with the
/// days as written ("01/09") rather than the dates of that year.
fn check_calendar(
    rule: &CycleRule,
    pattern: Option<&RulePattern>,
    keys: &RuleKeys<'_, '_>,
    table: &Table<'_, '_>,
) -> Read<()> {
    // The first of the keys the table gives, else the table itself.
    let place = |keys: [Option<(usize, &String)>; 2]| {
        keys.into_iter()
            .flatten()
            .next()
            .map(|(at, key)| (at, key.clone()))
            .unwrap_or_else(|| (table.at, table.name.clone()))
    };
    let opens_key = keys.opens.as_ref().map(|i| (i.at, &i.key));
    let due_key = keys.registration.as_ref().map(|i| (i.at, &i.key));
    let self_key = keys.self_assessment.as_ref().map(|i| (i.at, &i.key));
    let due = rule.registration_due;
    let words = Calendar::of(rule, pattern);
    if rule
        .registration_opens
        .is_some_and(|opens| opens > due.last_day())
    {
        let (at, key) = place([opens_key, due_key]);
        return Err(Problem::new(
            at,
            key,
            format!(
                "{}ngày mở đăng ký {} sau hạn đăng ký ({})",
                words.prefix, words.opens, words.registration
            ),
        ));
    }
    if rule.self_assessment_due.last_day() <= due.last_day() {
        let (at, key) = place([self_key, due_key]);
        return Err(Problem::new(
            at,
            key,
            format!(
                "{}hạn tự đánh giá ({}) không sau hạn đăng ký ({}); nếu là năm sau, hãy ghi \
                 dạng \"01/09 năm sau\"",
                words.prefix, words.self_assessment, words.registration
            ),
        ));
    }
    Ok(())
}

/// The words of a calendar message: for a year ("năm 2024 (Công văn 821-CV/ĐUK): …", with
/// dates), or for the default rule (the days as written).
struct Calendar {
    prefix: String,
    opens: String,
    registration: String,
    self_assessment: String,
}

impl Calendar {
    fn of(rule: &CycleRule, pattern: Option<&RulePattern>) -> Calendar {
        match pattern {
            Some(p) => Calendar {
                prefix: String::new(),
                opens: p
                    .registration_opens
                    .map(|o| o.describe())
                    .unwrap_or_default(),
                registration: p.registration_due.describe(),
                self_assessment: p.self_assessment_due.describe(),
            },
            None => Calendar {
                prefix: format!("năm {} ({}): ", rule.year, rule.source),
                opens: rule.registration_opens.map(format_date).unwrap_or_default(),
                registration: rule.registration_due.words(),
                self_assessment: rule.self_assessment_due.words(),
            },
        }
    }
}

/// `[[cycle]]` tables, refusing two that share a year.
fn read_cycles(tables: &[Table<'_, '_>], default: &RulePattern) -> Read<Vec<Cycle>> {
    let mut cycles: Vec<Cycle> = Vec::new();
    for table in tables {
        let (cycle, years) = read_cycle(table, default)?;
        if let Some((i, other)) = cycles
            .iter()
            .enumerate()
            .find(|(_, c)| c.first_year <= cycle.last_year && cycle.first_year <= c.last_year)
        {
            return Err(Problem::new(
                years.at,
                years.key,
                format!(
                    "năm {} đã có trong cycle[{}] ({}); mỗi năm chỉ theo một văn bản",
                    cycle.describe_years(),
                    i + 1,
                    other.describe_years()
                ),
            ));
        }
        cycles.push(cycle);
    }
    Ok(cycles)
}

/// One `[[cycle]]`: its years, then what it sets over `[default]`.
fn read_cycle(table: &Table<'_, '_>, default: &RulePattern) -> Read<(Cycle, Item<(i32, i32)>)> {
    let mut allowed = RULE_KEYS.to_vec();
    allowed.extend(["year", "years"]);
    table.expect_keys(&allowed)?;
    let one = table.get("year", year)?.map(|item| Item {
        value: (item.value, item.value),
        key: item.key,
        at: item.at,
    });
    let many = table.get("years", years)?;
    let years = match (one, many) {
        (Some(_), Some(many)) => {
            return Err(Problem::new(
                many.at,
                many.key,
                "chỉ ghi một trong hai khóa year (một năm) và years (nhiều năm)",
            ))
        }
        (Some(item), None) | (None, Some(item)) => item,
        (None, None) => {
            return Err(Problem::new(
                table.at,
                table.key("year"),
                "thiếu năm: cần year = 2024 (một năm) hoặc years = \"2016-2020\" (nhiều năm)",
            ))
        }
    };
    let (first, last) = years.value;
    let keys = table.rule_keys(Scope::of(first, last))?;
    let source = keys
        .source
        .as_ref()
        .map_or_else(|| FILE_NAME.to_string(), |s| s.value.clone());
    let mut cycle = Cycle::new(first, last, &source, RuleOrigin::Config);
    cycle.registration = match (&keys.opens, &keys.registration) {
        (opens, Some(due)) => Some(Window {
            opens: opens.as_ref().map(|o| o.value),
            due: due.value,
        }),
        (Some(opens), None) => Some(Window {
            opens: Some(opens.value),
            due: default.registration_due,
        }),
        (None, None) => None,
    };
    cycle.self_assessment_due = keys.self_assessment.as_ref().map(|i| i.value);
    cycle.min_collective = keys.min_collective.as_ref().map(|i| i.value);
    cycle.min_individual = keys.min_individual.as_ref().map(|i| i.value);
    if let Some(recognition) = &keys.recognition {
        cycle.recognition = Some(read_recognition(recognition, &default.recognition)?);
    }
    for year in first..=last {
        check_calendar(&cycle.rule(default, year), None, &keys, table)?;
    }
    Ok((cycle, years))
}

/// `[[phase]]` tables, with their cycle years derived when not given, refusing overlaps.
fn read_phases(tables: &[Table<'_, '_>], default: &RulePattern) -> Read<Vec<Phase>> {
    let drafts = tables
        .iter()
        .map(read_phase)
        .collect::<Read<Vec<PhaseDraft>>>()?;
    let anchor = default
        .registration_opens
        .unwrap_or(default.registration_due.on);
    let mut phases: Vec<Phase> = Vec::new();
    for (draft, table) in drafts.iter().zip(tables) {
        let (first_year, last_year) = match &draft.years {
            Some(item) => item.value,
            None => derive_years(draft, &drafts, anchor).ok_or_else(|| {
                Problem::new(
                    table.at,
                    table.name.clone(),
                    format!(
                        "giai đoạn không chứa năm chu kỳ nào (năm tính theo ngày {} mở đăng ký); \
                         hãy ghi years = \"2016-2017\"",
                        anchor.describe()
                    ),
                )
            })?,
        };
        let phase = Phase {
            first_year,
            last_year,
            ..draft.phase.clone()
        };
        if let Some((i, other)) = phases
            .iter()
            .enumerate()
            .find(|(_, p)| p.first_year <= last_year && first_year <= p.last_year)
        {
            let (at, key) = draft
                .years
                .as_ref()
                .map_or_else(|| (table.at, table.name.clone()), |y| (y.at, y.key.clone()));
            return Err(Problem::new(
                at,
                key,
                format!(
                    "các năm {first_year}–{last_year} đã thuộc phase[{}] «{}» ({}–{}); \
                     hãy ghi years cho từng giai đoạn",
                    i + 1,
                    other.name,
                    other.first_year,
                    other.last_year
                ),
            ));
        }
        phases.push(phase);
    }
    Ok(phases)
}

/// A `[[phase]]` as read, before its years are known.
struct PhaseDraft {
    phase: Phase,
    years: Option<Item<(i32, i32)>>,
}

fn read_phase(table: &Table<'_, '_>) -> Read<PhaseDraft> {
    table.expect_keys(&[
        "name",
        "review",
        "from",
        "to",
        "years",
        "review_before",
        "review_due",
    ])?;
    let name = table.require("name", "tên, ví dụ \"Đợt 1\"", non_empty_text)?;
    let review = table.require("review", "\"sơ kết\" hoặc \"tổng kết\"", non_empty_text)?;
    let starts = table.require("from", "tháng bắt đầu, ví dụ \"10/2016\"", |v| {
        month(v, false)
    })?;
    let ends = table.require("to", "tháng kết thúc, ví dụ \"10/2018\"", |v| {
        month(v, true)
    })?;
    if ends.value < starts.value {
        return Err(Problem::new(
            ends.at,
            ends.key,
            format!(
                "giai đoạn kết thúc ({}) trước khi bắt đầu ({})",
                format_date(ends.value),
                format_date(starts.value)
            ),
        ));
    }
    let due = table.get("review_due", full_date)?;
    let before = table.get("review_before", full_date)?;
    let review_due = match (due, before) {
        (Some(due), None) => Deadline::on_or_before(due.value),
        (None, Some(before)) => Deadline::before(before.value),
        (Some(_), Some(before)) => return Err(Problem::new(
            before.at,
            before.key,
            "chỉ ghi một trong hai khóa review_due (chậm nhất ngày) và review_before (trước ngày)",
        )),
        (None, None) => {
            return Err(Problem::new(
                table.at,
                table.key("review_before"),
                format!(
                    "thiếu khóa này trong {}: cần hạn {}, ví dụ review_before = \"01/10/2018\"",
                    table.section(),
                    review.value
                ),
            ))
        }
    };
    Ok(PhaseDraft {
        phase: Phase {
            name: name.value,
            review: review.value,
            starts: starts.value,
            ends: ends.value,
            first_year: starts.value.year(),
            last_year: ends.value.year(),
            review_due,
        },
        years: table.get("years", years)?,
    })
}

/// The cycle years whose registration day (`anchor`) falls in the phase, a year on the border
/// of two phases going to the one that starts later.
fn derive_years(draft: &PhaseDraft, all: &[PhaseDraft], anchor: CycleDate) -> Option<(i32, i32)> {
    let inside = |p: &Phase, year: i32| (p.starts..=p.ends).contains(&anchor.in_year(year));
    let phase = &draft.phase;
    let mut years = (phase.starts.year() - 1..=phase.ends.year() + 1).filter(|&y| {
        inside(phase, y)
            && !all
                .iter()
                .any(|other| other.phase.starts > phase.starts && inside(&other.phase, y))
    });
    let first = years.next()?;
    Some((first, years.next_back().unwrap_or(first)))
}
