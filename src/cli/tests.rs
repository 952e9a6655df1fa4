//! The command line's definition: options before or after the subcommand, what each
//! command requires.

use super::*;
use crate::reports::minutes::DocLang;
use clap::CommandFactory;

#[test]
fn the_command_line_definition_is_consistent() {
    Cli::command().debug_assert();
}

#[test]
fn db_option_works_before_and_after_the_subcommand() {
    for args in [
        ["account-desk", "--db", "a b/客户.redb", "check"],
        ["account-desk", "check", "--db", "a b/客户.redb"],
    ] {
        let cli = Cli::try_parse_from(args).unwrap();
        assert_eq!(cli.db, Some(PathBuf::from("a b/客户.redb")));
        assert!(matches!(cli.command, Some(CliCommand::Check)));
    }
    let cli = Cli::try_parse_from(["account-desk"]).unwrap();
    assert!(cli.command.is_none());
}

#[test]
fn team_goes_before_or_after_the_subcommand_and_never_with_db() {
    for args in [
        [
            "account-desk",
            "--team",
            "postgres://ae1@localhost/agency",
            "list",
            "jobs",
        ],
        [
            "account-desk",
            "list",
            "jobs",
            "--team",
            "postgres://ae1@localhost/agency",
        ],
    ] {
        let cli = Cli::try_parse_from(args).unwrap();
        assert_eq!(cli.team.as_deref(), Some("postgres://ae1@localhost/agency"));
    }
    let both = Cli::try_parse_from([
        "account-desk",
        "--db",
        "x.redb",
        "--team",
        "postgres://ae1@localhost/agency",
        "check",
    ]);
    assert!(both.is_err());
    let init = Cli::try_parse_from(["account-desk", "team", "init", "postgres://a@localhost/b"]);
    assert!(matches!(
        init.map(|c| c.command),
        Ok(Some(CliCommand::Team {
            what: team::TeamCommand::Init { .. }
        }))
    ));
}

#[test]
fn export_needs_an_output_and_a_known_language() {
    assert!(Cli::try_parse_from(["account-desk", "export", "brief", "2026-0001"]).is_err());
    assert!(
        Cli::try_parse_from([
            "account-desk",
            "export",
            "brief",
            "2026-0001",
            "-o",
            "x.pdf",
            "--lang",
            "fr"
        ])
        .is_err()
    );
    let cli = Cli::try_parse_from([
        "account-desk",
        "export",
        "brief",
        "2026-0001",
        "-o",
        "简要.pdf",
    ])
    .unwrap();
    match cli.command {
        Some(CliCommand::Export {
            what: ExportWhat::Brief { lang, output, .. },
        }) => {
            assert_eq!(lang, LangArg::Zh);
            assert_eq!(output, PathBuf::from("简要.pdf"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn meeting_documents_take_an_id_a_language_and_a_version() {
    let cli = Cli::try_parse_from([
        "account-desk",
        "export",
        "minutes",
        "7",
        "--lang",
        "both",
        "--version",
        "2",
        "-o",
        "会议记录.pdf",
    ])
    .unwrap();
    match cli.command {
        Some(CliCommand::Export {
            what:
                ExportWhat::Minutes {
                    meeting_id,
                    version,
                    lang,
                    output,
                },
        }) => {
            assert_eq!((meeting_id, version, lang), (7, Some(2), DocLangArg::Both));
            assert_eq!(DocLang::from(lang), DocLang::Both);
            assert_eq!(output, PathBuf::from("会议记录.pdf"));
        }
        other => panic!("{other:?}"),
    }
    let cli =
        Cli::try_parse_from(["account-desk", "export", "agenda", "7", "-o", "a.pdf"]).unwrap();
    assert!(matches!(
        cli.command,
        Some(CliCommand::Export {
            what: ExportWhat::Agenda {
                meeting_id: 7,
                lang: DocLangArg::Zh,
                ..
            }
        })
    ));
    let cli = Cli::try_parse_from(["account-desk", "list", "meetings"]).unwrap();
    assert!(matches!(
        cli.command,
        Some(CliCommand::List {
            what: ListWhat::Meetings,
            job_number: None,
            ..
        })
    ));
    // An id is a number, a version too, and the output is required.
    for bad in [
        &[
            "account-desk",
            "export",
            "minutes",
            "创意提案",
            "-o",
            "x.pdf",
        ][..],
        &[
            "account-desk",
            "export",
            "minutes",
            "7",
            "--version",
            "v2",
            "-o",
            "x.pdf",
        ],
        &[
            "account-desk",
            "export",
            "minutes",
            "7",
            "--lang",
            "fr",
            "-o",
            "x.pdf",
        ],
        &["account-desk", "export", "agenda", "7"],
        &[
            "account-desk",
            "export",
            "agenda",
            "7",
            "--version",
            "1",
            "-o",
            "x.pdf",
        ],
    ] {
        assert!(Cli::try_parse_from(bad).is_err(), "{bad:?}");
    }
}

#[test]
fn list_tasks_needs_a_job_and_schedules_take_a_plan() {
    let cli = Cli::try_parse_from(["account-desk", "list", "tasks", "2026-0001"]).unwrap();
    assert!(matches!(
        cli.command,
        Some(CliCommand::List {
            what: ListWhat::Tasks,
            job_number: Some(ref n),
            ..
        }) if n == "2026-0001"
    ));
    let missing = Cli::try_parse_from(["account-desk", "list", "tasks"]).unwrap_err();
    assert_eq!(missing.exit_code(), 2);
    let plan = |args: &[&str]| {
        let mut all = vec!["account-desk", "export", "schedule", "2026-0002", "-o", "x"];
        all.extend_from_slice(args);
        Cli::try_parse_from(all).map(|cli| match cli.command {
            Some(CliCommand::Export {
                what: ExportWhat::Schedule { plan, .. },
            }) => plan,
            other => panic!("{other:?}"),
        })
    };
    use crate::reports::schedule::PlanChoice;
    assert_eq!(plan(&[]).unwrap(), None);
    assert_eq!(
        plan(&["--plan", "working"]).unwrap(),
        Some(PlanChoice::Working)
    );
    assert_eq!(
        plan(&["--plan", "issued"]).unwrap(),
        Some(PlanChoice::Issued(None))
    );
    assert_eq!(
        plan(&["--plan", "2"]).unwrap(),
        Some(PlanChoice::Issued(Some(2)))
    );
    let bad = plan(&["--plan", "latest"]).unwrap_err();
    assert_eq!(bad.exit_code(), 2);
    assert!(bad.to_string().contains("working"), "{bad}");
}

#[test]
fn default_database_lives_in_the_per_user_data_folder() {
    // The conventions of each system are tested in `places`; this checks the real inputs
    // reach them (no test runs from a folder with a portable marker).
    let path = default_db_path().unwrap();
    assert!(path.ends_with(DB_FILE_NAME));
    let folder = path.parent().unwrap();
    let expected = if cfg!(any(windows, target_os = "macos")) {
        "Account Desk"
    } else {
        "account-desk"
    };
    assert!(folder.ends_with(expected), "{path:?}");
    let user_data = directories::BaseDirs::new().unwrap();
    assert_eq!(folder.parent(), Some(user_data.data_dir()), "{path:?}");
}
