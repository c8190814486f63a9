//! The text of `dvk config show`: [`Config::show`] takes a configuration and a cycle year and
//! gives the rules in force that year as a clerk reads them (their source, the registration
//! window and deadlines, quotas, recognition, phase, fields and the committee), one line each.

use crate::rules::{CycleRule, RuleOrigin};

use super::{Committee, Config, FILE_NAME};

impl Config {
    /// The rules in force for a cycle year, as a clerk reads them: where they come from, the
    /// registration window and deadlines, the quotas, the thresholds of recognition, the phase
    /// and its review, the fields and the committee.
    ///
    /// # Example
    ///
    /// ```
    /// use dvk::rules::config::Config;
    ///
    /// let text = Config::builtin().show(2018);
    /// assert!(text.contains("Quy tắc năm 2018: Kế hoạch 61-KH/ĐUSTP (có sẵn trong dvk)"));
    /// assert!(text.contains("Đăng ký: từ ngày 01/10/2018, chậm nhất ngày 10/10/2018"));
    /// assert!(text.contains("Tự đánh giá, báo cáo kết quả: trước ngày 01/09/2019"));
    /// ```
    pub fn show(&self, year: i32) -> String {
        let rule = self.rules.for_year(year);
        let mut lines = vec![self.describe_file(), String::new()];
        lines.extend(describe_rule(&rule));
        lines.push(match self.rules.phase_of(year) {
            Some(phase) => format!("- Giai đoạn: {}", phase.describe()),
            None => format!("- Giai đoạn: năm {year} không thuộc giai đoạn nào đã khai báo"),
        });
        lines.push(String::new());
        lines.push(format!(
            "Lĩnh vực ({}): {}",
            self.fields.len(),
            self.fields.join("; ")
        ));
        for (field, others) in &self.field_synonyms {
            lines.push(format!("- «{field}» còn được viết: {}", others.join("; ")));
        }
        lines.push(String::new());
        lines.extend(describe_committee(&self.committee));
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }

    fn describe_file(&self) -> String {
        match &self.path {
            Some(path) => format!("Cấu hình: {}", path.display()),
            None => format!("Cấu hình: có sẵn trong dvk (không có tệp {FILE_NAME})"),
        }
    }
}

fn describe_rule(rule: &CycleRule) -> Vec<String> {
    let year = rule.year;
    let header = match rule.origin {
        RuleOrigin::Default => format!(
            "Quy tắc năm {year}: {}, vì chưa có văn bản nào quy định riêng năm {year}",
            rule.source
        ),
        RuleOrigin::Builtin | RuleOrigin::Config => {
            format!(
                "Quy tắc năm {year}: {} ({})",
                rule.source,
                rule.origin.label()
            )
        }
    };
    let registration = format!("- Đăng ký: {}", rule.registration_window());
    let recognition = &rule.recognition;
    vec![
        header,
        registration,
        format!(
            "- Tự đánh giá, báo cáo kết quả: {}",
            rule.self_assessment_due.words()
        ),
        format!(
            "- Mỗi chi bộ: ít nhất {} mô hình tập thể và {} điển hình cá nhân",
            rule.min_collective, rule.min_individual
        ),
        format!(
            "- Công nhận: biểu quyết {}; tự xếp loại từ «{}» trở lên (các mức: {})",
            recognition.describe_vote(),
            recognition.min_rating,
            recognition.ratings.join(", ")
        ),
    ]
}

fn describe_committee(committee: &Committee) -> Vec<String> {
    let name = if committee.signer_name.is_empty() {
        "(chưa ghi họ tên)"
    } else {
        &committee.signer_name
    };
    vec![
        format!(
            "Cấp ủy: {}, trực thuộc {}",
            committee.issuer, committee.higher
        ),
        format!(
            "- Văn bản: «{}, ngày … tháng … năm …», «Số …-BC/{}» (báo cáo), «Số …-CV/{}» (công văn)",
            committee.place, committee.abbreviation, committee.abbreviation
        ),
        format!(
            "- Ký: {} / {} / {name}",
            committee.signer_role, committee.signer_title
        ),
        format!(
            "- Lề trang ([document] margins_mm): trên {} mm, dưới {} mm, trái {} mm, phải {} mm",
            committee.margins.top,
            committee.margins.bottom,
            committee.margins.left,
            committee.margins.right
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn show_names_everything_a_clerk_checks() {
        let config = Config::builtin();
        let text = config.show(2024);
        for line in [
            "Cấu hình: có sẵn trong dvk (không có tệp dvk.toml)",
            "Quy tắc năm 2024: Công văn 821-CV/ĐUK (có sẵn trong dvk)",
            "- Đăng ký: trước ngày 26/02/2024",
            "- Tự đánh giá, báo cáo kết quả: trước ngày 01/09/2025",
            "- Mỗi chi bộ: ít nhất 1 mô hình tập thể và 1 điển hình cá nhân",
            "- Công nhận: biểu quyết trên 50% số phiếu tán thành; tự xếp loại từ «Tốt» trở lên (các mức: Xuất sắc, Tốt, Khá, Đạt, Không đạt)",
            "- Giai đoạn: năm 2024 không thuộc giai đoạn nào đã khai báo",
            "Lĩnh vực (6): Kinh tế; Văn hóa – xã hội; Quốc phòng – an ninh; Xây dựng hệ thống chính trị; Cải cách hành chính; Phổ biến giáo dục pháp luật",
            "Cấp ủy: Đảng ủy Sở Tư pháp, trực thuộc Đảng bộ Khối các cơ quan tỉnh",
            "- Ký: T/M BAN CHẤP HÀNH / BÍ THƯ / (chưa ghi họ tên)",
            "- Lề trang ([document] margins_mm): trên 20 mm, dưới 20 mm, trái 30 mm, phải 15 mm",
        ] {
            assert!(text.lines().any(|l| l == line), "missing «{line}» in:\n{text}");
        }
        let text = config.show(2031);
        assert!(text.contains(
            "Quy tắc năm 2031: quy tắc mặc định (theo Kế hoạch 61-KH/ĐUSTP), vì chưa có văn bản nào quy định riêng năm 2031"
        ));
        assert!(config.show(2017).contains("- Giai đoạn: Đợt 1 (10/2016 – 10/2018; các năm 2016–2017): sơ kết trước ngày 01/10/2018"));
    }
}
