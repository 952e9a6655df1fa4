//! Behaviour of the whole index: what a person types in Ctrl+K and what they must see.

use super::*;
use crate::domain::{
    Audit, BrandId, ContactId, ContractId, ContractStatus, Fen, JobId, JobNumber, JobStatus, Stamp,
    Team, UserId,
};
use chrono::{DateTime, NaiveDate, Utc};

fn audit() -> Audit {
    Audit::new(Stamp {
        by: UserId(1),
        at: DateTime::<Utc>::UNIX_EPOCH,
    })
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 5).unwrap_or_default()
}

fn client(id: u64, name: &str, short_name: &str) -> Client {
    Client {
        id: ClientId(id),
        name: name.into(),
        short_name: short_name.into(),
        industry: "饮料".into(),
        address: String::new(),
        phone: String::new(),
        since: None,
        notes: String::new(),
        archived: false,
        invoicing: Default::default(),
        audit: audit(),
    }
}

fn brand(id: u64, client: u64, name: &str) -> Brand {
    Brand {
        id: BrandId(id),
        client_id: ClientId(client),
        name: name.into(),
        facts: String::new(),
        key_points: String::new(),
        positioning: String::new(),
        competitors: vec!["百事可乐".into()],
        audit: audit(),
    }
}

fn job(id: u64, client: u64, seq: u32, title: &str) -> Job {
    Job {
        id: JobId(id),
        number: JobNumber {
            year: 2026,
            seq,
            text: format!("2026-{seq:04}"),
        },
        title: title.into(),
        client_id: ClientId(client),
        brand_id: None,
        team: Team::default(),
        status: JobStatus::Requested,
        requested_on: day(),
        due_on: None,
        audit: audit(),
    }
}

fn contact(id: u64, client: u64, name: &str, email: &str, phone: &str) -> Contact {
    Contact {
        id: ContactId(id),
        client_id: ClientId(client),
        name: name.into(),
        title: "品牌经理".into(),
        phone: phone.into(),
        email: email.into(),
        wechat: String::new(),
        notes: String::new(),
        audit: audit(),
    }
}

fn contract(id: u64, client: u64, number: &str, scope: &str) -> Contract {
    Contract {
        id: ContractId(id),
        client_id: ClientId(client),
        number: number.into(),
        scope: scope.into(),
        start: day(),
        end: day(),
        value: Fen(0),
        status: ContractStatus::Active,
        audit: audit(),
    }
}

/// A small agency: Coca-Cola China with brands, jobs, a contact and a contract, plus a few
/// clients whose names exercise English, Latin-in-Chinese and 多音字.
fn agency() -> SearchIndex {
    let mut index = SearchIndex::new();
    index.upsert_client(&client(1, "可口可乐（中国）饮料有限公司", "可口可乐"));
    index.upsert_client(&client(2, "BMW 中国", ""));
    index.upsert_client(&client(3, "Coca-Cola HBC", ""));
    index.upsert_client(&client(4, "中国银行", ""));
    index.upsert_client(&client(5, "重庆啤酒", ""));
    index.upsert_brand(&brand(10, 1, "可口可乐"), "可口可乐");
    index.upsert_brand(&brand(11, 1, "雪碧"), "可口可乐");
    index.upsert_job(&job(100, 1, 42, "2027 春节 TVC"), "可口可乐");
    index.upsert_job(&job(101, 1, 43, "雪碧 夏日 Campaign"), "可口可乐");
    index.upsert_job(&job(102, 2, 142, "车展 发布会"), "BMW 中国");
    index.upsert_contact(
        &contact(
            200,
            1,
            "王小明",
            "xiaoming.wang@coca-cola.com",
            "138-0013-8000",
        ),
        "可口可乐",
    );
    index.upsert_contract(
        &contract(300, 1, "HT-2026-001", "2026年度创意代理"),
        "可口可乐",
    );
    index
}

fn client_ref(id: u64) -> DocRef {
    ClientId(id).into()
}
fn brand_ref(id: u64) -> DocRef {
    BrandId(id).into()
}
fn job_ref(id: u64) -> DocRef {
    JobId(id).into()
}

fn docs(index: &SearchIndex, query: &str) -> Vec<DocRef> {
    index.search(query, 50).into_iter().map(|h| h.doc).collect()
}

fn first(index: &SearchIndex, query: &str) -> Option<(DocRef, MatchQuality)> {
    index.search(query, 1).first().map(|h| (h.doc, h.quality))
}

#[test]
fn pinyin_initials_and_full_pinyin_find_chinese_names() {
    let index = agency();
    assert_eq!(docs(&index, "kkkl"), vec![client_ref(1), brand_ref(10)]);
    assert_eq!(
        first(&index, "kkkl"),
        Some((client_ref(1), MatchQuality::PinyinWhole))
    );
    assert_eq!(
        first(&index, "kkk"),
        Some((client_ref(1), MatchQuality::PinyinPrefix))
    );
    assert_eq!(docs(&index, "kk"), vec![client_ref(1), brand_ref(10)]);
    assert_eq!(docs(&index, "kekou"), vec![client_ref(1), brand_ref(10)]);
    assert_eq!(
        docs(&index, "KeKouKeLe"),
        vec![client_ref(1), brand_ref(10)]
    );
    assert_eq!(
        first(&index, "bmwzg"),
        Some((client_ref(2), MatchQuality::PinyinWhole))
    );
    assert_eq!(
        first(&index, "xb"),
        Some((brand_ref(11), MatchQuality::PinyinWhole))
    );
}

#[test]
fn any_reading_of_a_heteronym_matches() {
    let index = agency();
    for query in ["zgyh", "zgyx", "yinhang", "yh"] {
        assert_eq!(docs(&index, query), vec![client_ref(4)], "{query}");
    }
    for query in ["cqpj", "zqpj", "chongqing"] {
        assert_eq!(docs(&index, query), vec![client_ref(5)], "{query}");
    }
}

#[test]
fn chinese_substring_matches() {
    let index = agency();
    let hits = index.search("可乐", 10);
    let found: Vec<DocRef> = hits.iter().map(|h| h.doc).collect();
    assert_eq!(found, vec![client_ref(1), brand_ref(10)]);
    assert!(hits.iter().all(|h| h.quality == MatchQuality::Substring));
    assert_eq!(docs(&index, "银行"), vec![client_ref(4)]);
    assert_eq!(docs(&index, "饮料有限"), vec![client_ref(1)]);
}

#[test]
fn job_numbers_match_with_or_without_the_dash() {
    let index = agency();
    assert_eq!(
        first(&index, "2026-0042"),
        Some((job_ref(100), MatchQuality::Exact))
    );
    assert_eq!(
        first(&index, "20260042"),
        Some((job_ref(100), MatchQuality::Exact))
    );
    assert_eq!(docs(&index, "0042"), vec![job_ref(100)]);
    assert_eq!(
        first(&index, "0042"),
        Some((job_ref(100), MatchQuality::WordPrefix))
    );
    assert_eq!(docs(&index, "42"), vec![job_ref(100), job_ref(102)]);
    assert!(docs(&index, "2026-0044").is_empty());
}

#[test]
fn english_words_match_by_prefix_case_insensitively() {
    let index = agency();
    for query in ["coca", "COCA", "Coca-Cola", "coca cola"] {
        assert_eq!(
            first(&index, query).map(|f| f.0),
            Some(client_ref(3)),
            "{query}"
        );
    }
    // The contact's email is coca-cola.com: found too, below the client.
    assert_eq!(
        docs(&index, "coca"),
        vec![client_ref(3), ContactId(200).into()]
    );
    assert_eq!(
        first(&index, "hbc"),
        Some((client_ref(3), MatchQuality::WordPrefix))
    );
    assert_eq!(docs(&index, "campaign"), vec![job_ref(101)]);
    assert_eq!(docs(&index, "13800138000"), vec![ContactId(200).into()]);
}

#[test]
fn ranking_is_by_quality_then_kind_then_title() {
    let mut index = SearchIndex::new();
    index.upsert_contract(&contract(1, 9, "X-1", "大快乐"), "");
    index.upsert_contact(&contact(2, 9, "快乐", "", ""), "");
    index.upsert_job(&job(3, 9, 1, "Nikla"), "");
    index.upsert_brand(&brand(4, 9, "Go KLM"), "");
    index.upsert_client(&client(5, "KLM", ""));
    index.upsert_contract(&contract(6, 9, "X-2", "KL"), "");
    let hits = index.search("kl", 10);
    let got: Vec<(DocKind, MatchQuality)> = hits.iter().map(|h| (h.doc.kind, h.quality)).collect();
    assert_eq!(
        got,
        vec![
            (DocKind::Contract, MatchQuality::Exact),
            (DocKind::Client, MatchQuality::Prefix),
            (DocKind::Contact, MatchQuality::PinyinWhole),
            (DocKind::Brand, MatchQuality::WordPrefix),
            (DocKind::Job, MatchQuality::Substring),
            (DocKind::Contract, MatchQuality::PinyinSubstring),
        ]
    );
}

#[test]
fn equal_matches_order_by_kind_then_title_whatever_the_insertion_order() {
    let build = |reverse: bool| {
        let mut records = [
            (DocKind::Brand, 3, "可乐 A"),
            (DocKind::Client, 1, "可乐 B"),
            (DocKind::Client, 2, "可乐 A"),
            (DocKind::Job, 4, "可乐 A"),
            (DocKind::Job, 5, "可乐 A"),
        ];
        if reverse {
            records.reverse();
        }
        let mut index = SearchIndex::new();
        for (kind, id, title) in records {
            match kind {
                DocKind::Client => index.upsert_client(&client(id, title, "")),
                DocKind::Brand => index.upsert_brand(&brand(id, 9, title), ""),
                _ => index.upsert_job(&job(id, 9, id as u32, title), ""),
            }
        }
        index.search("可乐", 10)
    };
    let hits = build(false);
    let got: Vec<DocRef> = hits.iter().map(|h| h.doc).collect();
    assert_eq!(
        got,
        vec![
            client_ref(2),
            client_ref(1),
            brand_ref(3),
            job_ref(4),
            job_ref(5)
        ]
    );
    assert_eq!(build(true), hits);
}

#[test]
fn a_limit_keeps_the_best_hits_in_order() {
    let mut index = SearchIndex::new();
    for id in 0..200u64 {
        // Titles in scrambled order so that selection and sort really have work to do.
        let n = (id * 7919) % 200;
        index.upsert_job(&job(id, 1, n as u32, &format!("春节 {n:03}")), "可口可乐");
    }
    index.upsert_client(&client(1000, "春节联欢", ""));
    let all = index.search("春节", 1000);
    assert_eq!(all.len(), 201);
    assert_eq!(all[0].doc, client_ref(1000));
    assert_eq!(all[1].title, "春节 000");
    for limit in [1, 2, 10, 200, 201, 500] {
        let some = index.search("春节", limit);
        assert_eq!(some[..], all[..limit.min(all.len())], "limit {limit}");
    }
    assert!(index.search("春节", 0).is_empty());
}

#[test]
fn titles_alike_beyond_sixteen_bytes_rank_by_the_whole_title_at_any_limit() {
    let mut index = SearchIndex::new();
    for id in 0..60u64 {
        // 24 bytes in common (eight ideographs), then the number, in scrambled order.
        let n = (id * 37) % 60;
        let title = format!("春节联欢晚会广告{n:02}");
        index.upsert_job(&job(id, 1, n as u32 + 1, &title), "可口可乐");
    }
    for id in 100..110u64 {
        index.upsert_brand(&brand(id, 1, &format!("春节礼盒{id}")), "可口可乐");
    }
    let all = index.search("春节", 1000);
    let titles: Vec<&str> = all.iter().map(|h| h.title.as_str()).collect();
    let mut want: Vec<String> = (100..110).map(|id| format!("春节礼盒{id}")).collect();
    want.extend((0..60).map(|n| format!("春节联欢晚会广告{n:02}")));
    assert_eq!(titles, want, "brands before jobs, each by title");
    for limit in [1, 5, 10, 11, 12, 30, 69, 70, 71] {
        let some = index.search("春节", limit);
        assert_eq!(some[..], all[..limit.min(all.len())], "limit {limit}");
    }
}

#[test]
fn hits_of_one_kind_are_not_crowded_out_by_better_hits_of_others() {
    let mut index = SearchIndex::new();
    // Forty clients named after the festival rank above the one job that mentions it.
    for id in 0..40u64 {
        index.upsert_client(&client(id + 1, &format!("春节{id:02}"), ""));
    }
    index.upsert_job(&job(500, 1, 1, "贺岁 春节 TVC"), "春节00");
    assert!(
        !index
            .search("春节", 30)
            .iter()
            .any(|h| h.doc == job_ref(500))
    );
    let jobs = index.search_kind("春节", 30, Some(DocKind::Job));
    assert_eq!(
        jobs.iter().map(|h| h.doc).collect::<Vec<_>>(),
        [job_ref(500)]
    );
    assert_eq!(
        index.search_kind("春节", 30, None),
        index.search("春节", 30)
    );
    assert!(
        index
            .search_kind("春节", 30, Some(DocKind::Contract))
            .is_empty()
    );
}

#[test]
fn subtitles_say_where_a_hit_belongs() {
    let index = agency();
    let subtitle = |query: &str| {
        index
            .search(query, 1)
            .first()
            .map(|h| (h.title.clone(), h.subtitle.clone()))
    };
    assert_eq!(
        subtitle("2026-0042"),
        Some(("2027 春节 TVC".into(), "2026-0042 · 可口可乐".into()))
    );
    assert_eq!(
        subtitle("可口可乐"),
        Some(("可口可乐".into(), "可口可乐（中国）饮料有限公司".into()))
    );
    assert_eq!(
        subtitle("王小明"),
        Some(("王小明".into(), "品牌经理 · 可口可乐".into()))
    );
    assert_eq!(
        subtitle("创意代理"),
        Some(("2026年度创意代理".into(), "HT-2026-001 · 可口可乐".into()))
    );
    assert_eq!(subtitle("雪碧"), Some(("雪碧".into(), "可口可乐".into())));
    assert_eq!(subtitle("重庆"), Some(("重庆啤酒".into(), "饮料".into())));
}

#[test]
fn renaming_replaces_the_old_text_everywhere() {
    let mut index = SearchIndex::new();
    index.upsert_client(&client(7, "百事", ""));
    index.upsert_job(&job(700, 7, 700, "新品 发布"), "百事");
    assert_eq!(docs(&index, "百事 新品"), vec![job_ref(700)]);

    index.upsert_client(&client(7, "PepsiCo", ""));
    assert_eq!(index.len(), 2);
    assert!(docs(&index, "百事").is_empty());
    assert!(docs(&index, "bs").is_empty());
    assert!(docs(&index, "百事 新品").is_empty());
    assert_eq!(docs(&index, "pepsico 新品"), vec![job_ref(700)]);
    // A stale name passed along with a job does not undo the rename.
    index.upsert_job(&job(700, 7, 700, "新品 上市"), "百事");
    let hits = index.search("pepsi 上市", 5);
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].subtitle, "2026-0700 · PepsiCo");
    assert!(docs(&index, "发布").is_empty());
}

#[test]
fn remove_forgets_a_record_and_keeps_the_others_reachable() {
    let mut index = agency();
    let before = index.len();
    index.remove(client_ref(1));
    assert_eq!(index.len(), before - 1);
    assert_eq!(docs(&index, "可口可乐"), vec![brand_ref(10)]);
    // Removing twice or removing an unknown record does nothing.
    index.remove(client_ref(1));
    index.remove(job_ref(999));
    assert_eq!(index.len(), before - 1);

    // The last record moved into the freed slot: it must still be found, replaced and
    // removed by its own reference.
    let mut index = SearchIndex::new();
    index.upsert_brand(&brand(1, 9, "甲"), "");
    index.upsert_brand(&brand(2, 9, "乙"), "");
    index.upsert_brand(&brand(3, 9, "丙"), "");
    index.remove(brand_ref(1));
    index.upsert_brand(&brand(3, 9, "丁"), "");
    assert_eq!(index.len(), 2);
    assert!(docs(&index, "丙").is_empty());
    assert_eq!(docs(&index, "丁"), vec![brand_ref(3)]);
    index.remove(brand_ref(3));
    assert!(docs(&index, "丁").is_empty());
    assert_eq!(docs(&index, "乙"), vec![brand_ref(2)]);
    assert_eq!(index.len(), 1);
}

#[test]
fn every_word_must_match_and_the_client_name_only_narrows() {
    let index = agency();
    assert_eq!(docs(&index, "可口可乐 春节"), vec![job_ref(100)]);
    assert_eq!(docs(&index, "kkkl cj"), vec![job_ref(100)]);
    // The client's full name narrows too.
    assert_eq!(docs(&index, "饮料有限公司 春节"), vec![job_ref(100)]);
    assert_eq!(docs(&index, "春节 tvc"), vec![job_ref(100)]);
    assert_eq!(docs(&index, "tvc 2027 春节"), vec![job_ref(100)]);
    assert!(docs(&index, "春节 xyz").is_empty());
    assert!(docs(&index, "BMW 春节").is_empty());
    // The client's name alone lists the client and its brand, not all its jobs.
    let kinds: Vec<DocKind> = docs(&index, "可口可乐").iter().map(|d| d.kind).collect();
    assert_eq!(kinds, vec![DocKind::Client, DocKind::Brand]);
    // Two words that both match only the client name do not list its jobs either.
    assert!(!docs(&index, "可口 可乐").contains(&job_ref(100)));
}

#[test]
fn full_width_queries_are_folded() {
    let index = agency();
    assert_eq!(first(&index, "ＣＯＣＡ").map(|f| f.0), Some(client_ref(3)));
    assert_eq!(
        first(&index, "２０２６－００４２"),
        Some((job_ref(100), MatchQuality::Exact))
    );
    assert_eq!(docs(&index, "可口可乐\u{3000}春节"), vec![job_ref(100)]);
    assert_eq!(docs(&index, "ｋｋｋｌ"), vec![client_ref(1), brand_ref(10)]);
}

#[test]
fn blank_queries_find_nothing() {
    let index = agency();
    for query in ["", "   ", "\u{3000}\t\n", "-、。", "·"] {
        assert!(index.search(query, 10).is_empty(), "{query:?}");
    }
}

#[test]
fn emoji_and_rare_characters_do_not_break_anything() {
    let mut index = SearchIndex::new();
    index.upsert_client(&client(1, "𠮷野家 🍜", ""));
    index.upsert_brand(&brand(2, 1, "😀"), "𠮷野家 🍜");
    index.upsert_job(&job(3, 1, 1, "\u{301}e\u{301}"), "");
    assert_eq!(docs(&index, "🍜"), vec![client_ref(1)]);
    assert_eq!(docs(&index, "𠮷"), vec![client_ref(1)]);
    assert_eq!(docs(&index, "yj"), vec![client_ref(1)]);
    assert_eq!(docs(&index, "😀"), vec![brand_ref(2)]);
    assert_eq!(docs(&index, "e\u{301}"), vec![job_ref(3)]);
    for query in [
        "🍜🍜",
        "\u{301}",
        "\u{10FFFF}",
        &"𠮷".repeat(500),
        &"k".repeat(500),
    ] {
        let _ = index.search(query, 10);
    }
}

/// Exercises the index at the size the app must handle (no timing: benches/ measure that).
#[test]
fn forty_thousand_records_index_and_answer() {
    const SYLLABLES: &[&str] = &[
        "可口", "可乐", "宝马", "中国", "银行", "重庆", "春节", "夏日", "新品", "发布", "上市",
        "数码", "户外", "电视", "广告", "活动", "华北", "华南", "雪碧", "啤酒",
    ];
    let name = |n: u64, parts: u64| -> String {
        (0..parts)
            .map(|k| SYLLABLES[((n / 20u64.pow(k as u32)) % 20) as usize])
            .collect()
    };
    let mut index = SearchIndex::new();
    for c in 0..1_000u64 {
        index.upsert_client(&client(c, &format!("{}有限公司", name(c, 3)), &name(c, 2)));
    }
    for b in 0..2_000u64 {
        index.upsert_brand(&brand(b, b % 1_000, &name(b * 7, 2)), &name(b % 1_000, 2));
    }
    for j in 0..30_000u64 {
        let title = format!("{} {} TVC", 2026 + j % 3, name(j * 13, 2));
        let seq = u32::try_from(j % 10_000).unwrap_or(0);
        index.upsert_job(&job(j, j % 1_000, seq, &title), &name(j % 1_000, 2));
    }
    for p in 0..3_000u64 {
        let email = format!("person{p}@client{}.com", p % 1_000);
        index.upsert_contact(
            &contact(p, p % 1_000, &name(p * 3, 2), &email, "138 0000 0000"),
            "",
        );
    }
    for k in 0..4_000u64 {
        index.upsert_contract(
            &contract(k, k % 1_000, &format!("HT-{k:05}"), &name(k, 3)),
            "",
        );
    }
    assert_eq!(index.len(), 40_000);
    for query in [
        "kkkl",
        "可乐",
        "2026-0042",
        "0042",
        "ch",
        "春节 tvc",
        "kk cj",
        "a",
        "zzzz",
    ] {
        let hits = index.search(query, 20);
        assert!(hits.len() <= 20, "{query}");
        assert!(
            hits.windows(2).all(|w| w[0].quality >= w[1].quality),
            "{query}"
        );
    }
    assert_eq!(
        index.search("2026-0042", 20).first().map(|h| h.quality),
        Some(MatchQuality::Exact)
    );
    assert_eq!(index.search("kkkl", 20).len(), 20);
    assert!(index.search("zzzz", 20).is_empty());
}

mod meetings;
mod ranking;
