//! `import estimate` and `list estimates` as a person at a terminal uses them: a CSV saved by
//! Chinese Excel (GB18030, a title block, 小计 and 合计 rows) becomes a draft estimate of the
//! job, a second import a new version of it, a sheet with bad rows names every one and
//! imports nothing, and the list shows every estimate with plain decimal amounts.

use std::path::Path;
use std::process::Command;

fn run(db: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_account-desk"))
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("run account-desk");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{stderr}");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
    )
}

fn ok(db: &Path, args: &[&str]) -> String {
    let (code, stdout, stderr) = run(db, args);
    assert_eq!(
        code,
        Some(0),
        "{args:?}\nstdout: {stdout}\nstderr: {stderr}"
    );
    stdout
}

const SHEET: &str = "光华广告有限公司\n报价单\n客户：华晨宝马\n\n\
类别,项目,规格,单位,数量,单价,金额,成本,供应商\n\
一、制作费,,,,,,,,\n\
制作,TVC 拍摄,15 秒 ×2,天,1.5,\"180,000.00\",\"270,000.00\",225000,光影制作\n\
制作,后期剪辑,含 3 轮修改,项,1,60000,60000,50000,光影制作\n\
小计,,,,,,330000,,\n\
二、创意,,,,,,,,\n\
创意,创意策划与设计,主视觉,项,1,60000,60000,,\n\
小计,,,,,,60000,,\n\
合计,,,,,,\"390,000.00\",,\n\
税额,,,,,,23400,,\n\
价税合计,,,,,,413400,,\n";

#[test]
fn an_excel_estimate_becomes_a_draft_then_a_new_version_and_is_listed() {
    let tmp = tempfile::tempdir().expect("temp");
    let dir = tmp.path().join("报价 文件");
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("数据.redb");
    ok(&db, &["sample-data"]);
    let jobs = ok(&db, &["list", "jobs"]);
    let job = jobs
        .lines()
        .find(|l| l.contains("iX3 2027"))
        .and_then(|l| l.split('\t').next())
        .expect("the iX3 2027 job")
        .to_string();

    let (gbk, _, _) = encoding_rs::GB18030.encode(SHEET);
    let csv = dir.join("报价单 宝马.csv");
    std::fs::write(&csv, &gbk).expect("csv");
    let out = ok(
        &db,
        &[
            "import",
            "estimate",
            &job,
            csv.to_str().unwrap_or_default(),
            "--tax",
            "6",
        ],
    );
    // The sample's draft on this job is E1: the import is E2, version A.
    assert!(
        out.starts_with(&format!(
            "{job}-E2\tA\t3 lines\tnet 390000.00\ttotal 413400.00"
        )),
        "{out}"
    );
    assert!(out.contains("skipped row"), "{out}");

    // A second import into the draft replaces its lines: still version A, now at 3 %.
    let number = format!("{job}-E2");
    let out = ok(
        &db,
        &[
            "import",
            "estimate",
            &job,
            csv.to_str().unwrap_or_default(),
            "--estimate",
            &number,
            "--tax",
            "3",
        ],
    );
    assert!(
        out.starts_with(&format!(
            "{number}\tA\t3 lines\tnet 390000.00\ttotal 401700.00"
        )),
        "{out}"
    );
    // Into an estimate the AM returned, it is the next version: B.
    let tvc = jobs
        .lines()
        .find(|l| l.contains("春节 TVC"))
        .and_then(|l| l.split('\t').next())
        .expect("the TVC job")
        .to_string();
    let returned = format!("{tvc}-E1");
    let out = ok(
        &db,
        &[
            "import",
            "estimate",
            &tvc,
            csv.to_str().unwrap_or_default(),
            "--estimate",
            &returned,
        ],
    );
    assert!(
        out.starts_with(&format!(
            "{returned}\tB\t3 lines\tnet 390000.00\ttotal 413400.00"
        )),
        "{out}"
    );

    // The sample's returned estimate was returned before the import made B.
    let before = ok(&db, &["list", "estimates", "--job", &tvc]);
    assert!(
        before.contains(&format!("{returned}\tB\t{tvc}\tproduction\tdraft")),
        "{before}"
    );
    let list = ok(&db, &["list", "estimates", "--job", &job]);
    let mut lines = list.lines();
    assert_eq!(
        lines.next(),
        Some("number\tversion\tjob\tkind\tstatus\tnet\ttotal\thash")
    );
    let row: Vec<&str> = list
        .lines()
        .find(|l| l.starts_with(&number))
        .expect("E2")
        .split('\t')
        .collect();
    assert_eq!(
        &row[..7],
        &[
            number.as_str(),
            "A",
            job.as_str(),
            "production",
            "draft",
            "390000.00",
            "401700.00"
        ]
    );
    assert_eq!(row[7].len(), 8);
    // Every sample state is in the whole list.
    let all = ok(&db, &["list", "estimates"]);
    for status in [
        "\tdraft\t",
        "\tsigned\t",
        "\tsigned-mismatch\t",
        "\tsent\t",
        "\tapproved\t",
    ] {
        assert!(all.contains(status), "no {status} in\n{all}");
    }
}

#[test]
fn bad_rows_are_all_named_and_nothing_is_imported() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("数据.redb");
    ok(&db, &["sample-data"]);
    let job = ok(&db, &["list", "jobs"])
        .lines()
        .nth(1)
        .and_then(|l| l.split('\t').next())
        .expect("a job")
        .to_string();
    let before = ok(&db, &["list", "estimates"]);
    let bad = "项目,单位,数量,单价\nTVC,天,0,1000\n剪辑,项,1,abc\n设计,项,2,12.345\n";
    let csv = tmp.path().join("bad.csv");
    std::fs::write(&csv, bad).expect("csv");
    let (code, _, stderr) = run(
        &db,
        &["import", "estimate", &job, csv.to_str().unwrap_or_default()],
    );
    assert_eq!(code, Some(1), "{stderr}");
    for row in ["row 2", "row 3", "row 4"] {
        assert!(stderr.contains(row), "{row} not named: {stderr}");
    }
    assert_eq!(ok(&db, &["list", "estimates"]), before);
    let (code, _, stderr) = run(
        &db,
        &[
            "import",
            "estimate",
            &job,
            csv.to_str().unwrap_or_default(),
            "--tax",
            "9",
        ],
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("6, 3, 1, exempt"), "{stderr}");
}

#[test]
fn an_estimate_is_exported_for_the_client_as_pdf() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("数据.redb");
    ok(&db, &["sample-data"]);
    let list = ok(&db, &["list", "estimates"]);
    let number_of = |status: &str| {
        list.lines()
            .find(|l| l.contains(status))
            .and_then(|l| l.split('\t').next())
            .expect(status)
            .to_string()
    };
    let signed = number_of("\tsigned\t");
    let pdf = tmp.path().join("报价单.pdf");
    let out = ok(
        &db,
        &[
            "export",
            "estimate",
            &signed,
            "-o",
            pdf.to_str().unwrap_or_default(),
        ],
    );
    assert!(
        out.contains(&format!("Wrote {signed} version A to")),
        "{out}"
    );
    let bytes = std::fs::read(&pdf).expect("pdf");
    assert!(bytes.starts_with(b"%PDF"));
    // A draft says so; a version that is not there is refused, naming those that are.
    let draft = number_of("\tdraft\t");
    let out = ok(
        &db,
        &[
            "export",
            "estimate",
            &draft,
            "--lang",
            "both",
            "-o",
            pdf.to_str().unwrap_or_default(),
        ],
    );
    assert!(out.contains("(draft, not to be signed)"), "{out}");
    let (code, _, stderr) = run(
        &db,
        &[
            "export",
            "estimate",
            &signed,
            "--version",
            "C",
            "-o",
            pdf.to_str().unwrap_or_default(),
        ],
    );
    assert_eq!(code, Some(1));
    assert!(stderr.contains("has versions A to A"), "{stderr}");
}

#[test]
fn an_estimate_and_a_budget_report_are_exported_as_workbooks() {
    let tmp = tempfile::tempdir().expect("temp");
    let db = tmp.path().join("数据.redb");
    ok(&db, &["sample-data"]);
    let list = ok(&db, &["list", "estimates"]);
    let signed = list
        .lines()
        .find(|l| l.contains("\tsigned\t"))
        .and_then(|l| l.split('\t').next())
        .expect("a signed estimate")
        .to_string();
    let xlsx = tmp.path().join("报价单.xlsx");
    let path = xlsx.to_str().unwrap_or_default();
    let out = ok(
        &db,
        &[
            "export", "estimate", &signed, "--format", "xlsx", "-o", path,
        ],
    );
    assert!(
        out.contains(&format!("Wrote {signed} version A to")),
        "{out}"
    );
    let bytes = std::fs::read(&xlsx).expect("the workbook");
    assert!(bytes.starts_with(b"PK"), "a zip, as .xlsx files are");
    // A PDF's name for a workbook is refused with the name to use.
    let wrong = tmp.path().join("报价单.pdf");
    let (code, _, stderr) = run(
        &db,
        &[
            "export",
            "estimate",
            &signed,
            "--format",
            "xlsx",
            "-o",
            wrong.to_str().unwrap_or_default(),
        ],
    );
    assert_ne!(code, Some(0), "{stderr}");
    assert!(stderr.contains("报价单.xlsx"), "{stderr}");
    assert!(!wrong.exists());
    // The budget report: October was issued and is written as issued; November is a draft.
    let report = tmp.path().join("预算.xlsx");
    let path = report.to_str().unwrap_or_default();
    let out = ok(
        &db,
        &[
            "export",
            "budget-report",
            "蒙牛",
            "--month",
            "2026-10",
            "--format",
            "xlsx",
            "-o",
            path,
        ],
    );
    assert!(out.contains("as issued (revision 1"), "{out}");
    assert!(std::fs::read(&report).expect("written").starts_with(b"PK"));
    let out = ok(
        &db,
        &[
            "export",
            "budget-report",
            "蒙牛",
            "--month",
            "2026-11",
            "--lang",
            "en",
            "--format",
            "xlsx",
            "-o",
            path,
        ],
    );
    assert!(out.contains("(draft)"), "{out}");
}
