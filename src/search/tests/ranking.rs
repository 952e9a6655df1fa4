//! How hits rank when several records match a query as pinyin: a whole name spelled
//! beats a word inside an address, and a common reading beats a rare one.

use super::*;

#[test]
fn the_initials_of_a_client_rank_it_above_its_contacts_and_contracts() {
    // As in the sample agency: the contacts' addresses and the contract numbers hold
    // "bmw", which `bm` starts literally; the client's short name 宝马 is spelled `bm`.
    let mut index = SearchIndex::new();
    index.upsert_client(&client(7, "华晨宝马汽车有限公司", "宝马"));
    for (id, name, email) in [
        (70, "周婷", "zhou.ting@bmw-brilliance.example.com"),
        (71, "吴刚", "wu.gang@bmw-brilliance.example.com"),
    ] {
        index.upsert_contact(&contact(id, 7, name, email, ""), "宝马");
    }
    index.upsert_contract(
        &contract(72, 7, "XH-BMW-2026-01", "2026 年度经销商市场活动框架协议"),
        "宝马",
    );
    index.upsert_brand(&brand(73, 7, "宝马 iX3"), "宝马");
    index.upsert_client(&client(8, "白马广告有限公司", "白马"));
    for query in ["bm", "baoma", "BM", "ｂｍ"] {
        assert_eq!(
            first(&index, query),
            Some((client_ref(7), MatchQuality::PinyinWhole)),
            "{query}"
        );
    }
    let hits = index.search("bm", 10);
    let got: Vec<(DocRef, MatchQuality)> = hits.iter().map(|h| (h.doc, h.quality)).collect();
    assert_eq!(
        got,
        vec![
            // 白马 is spelled bm too; equal quality, so by title (code point order).
            (client_ref(7), MatchQuality::PinyinWhole),
            (client_ref(8), MatchQuality::PinyinWhole),
            (ContactId(71).into(), MatchQuality::WordPrefix),
            (ContactId(70).into(), MatchQuality::WordPrefix),
            (ContractId(72).into(), MatchQuality::WordPrefix),
            (brand_ref(73), MatchQuality::PinyinPrefix),
        ]
    );
    // The full name spelled whole finds the client as well.
    assert_eq!(
        first(&index, "hcbmqcyxgs"),
        Some((client_ref(7), MatchQuality::PinyinWhole))
    );
}

#[test]
fn a_common_reading_ranks_above_a_rare_one_and_both_are_found() {
    let mut index = SearchIndex::new();
    // Generated clients are named like this one: 育 is yu, and only rarely zhou.
    index.upsert_client(&client(1, "东晟教育科技有限公司", "东晟教育科技"));
    // A job whose title spells cjzh through common readings (城郊 综合).
    index.upsert_job(&job(2, 9, 1, "新城郊综合体开业"), "");
    let hits = index.search("cjzh", 10);
    let got: Vec<(DocRef, MatchQuality)> = hits.iter().map(|h| (h.doc, h.quality)).collect();
    assert_eq!(
        got,
        vec![
            (job_ref(2), MatchQuality::PinyinSubstring),
            (client_ref(1), MatchQuality::PinyinSubstringRare),
        ],
        "the client ranks first among equals by kind; the rare reading puts it second"
    );
    // Through the common readings 东晟教育 is first.
    assert_eq!(
        first(&index, "cjy"),
        Some((client_ref(1), MatchQuality::PinyinSubstring))
    );
    assert_eq!(
        first(&index, "dcjy"),
        Some((client_ref(1), MatchQuality::PinyinPrefix))
    );
}

#[test]
fn banks_and_cities_rank_by_the_reading_their_names_have() {
    let mut index = agency();
    // A contact whose name is spelled yx and cq through common readings.
    index.upsert_contact(&contact(300, 3, "杨欣", "", ""), "Coca-Cola HBC");
    index.upsert_contact(&contact(301, 3, "陈琪", "", ""), "Coca-Cola HBC");
    index.upsert_contact(&contact(302, 3, "曾琪", "", ""), "Coca-Cola HBC");
    // 中国银行 is zhong guo yin hang: `zgyh` finds it as well as typing its name would.
    assert_eq!(
        first(&index, "zgyh"),
        Some((client_ref(4), MatchQuality::PinyinWhole))
    );
    // `zgyx` still finds it, as a rare reading.
    assert_eq!(
        first(&index, "zgyx"),
        Some((client_ref(4), MatchQuality::PinyinWholeRare))
    );
    // `yh` and `yx` inside the name: the common one ranks the bank as such.
    assert_eq!(
        index.search("yh", 5).first().map(|h| (h.doc, h.quality)),
        Some((client_ref(4), MatchQuality::PinyinSubstring))
    );
    let got: Vec<(DocRef, MatchQuality)> = index
        .search("yx", 5)
        .iter()
        .map(|h| (h.doc, h.quality))
        .collect();
    assert_eq!(
        got,
        vec![
            (ContactId(300).into(), MatchQuality::PinyinWhole),
            // 王 is wang, rarely yu: 王小明 is found, below.
            (ContactId(200).into(), MatchQuality::PinyinPrefixRare),
            // 可口可乐…饮料有限公司: 有限 is yx through common readings.
            (client_ref(1), MatchQuality::PinyinSubstring),
            (client_ref(4), MatchQuality::PinyinSubstringRare),
        ],
        "杨欣 is spelled yx whole; 银行 read yin xing is rare"
    );
    // 重庆 is chong qing: `cqpj` finds the brewery whole; `zqpj` too, ranked as rare.
    assert_eq!(
        first(&index, "cqpj"),
        Some((client_ref(5), MatchQuality::PinyinWhole))
    );
    assert_eq!(
        first(&index, "zqpj"),
        Some((client_ref(5), MatchQuality::PinyinWholeRare))
    );
    // `cq`: both contacts are spelled cq whole, 曾琪 only with the rare reading of 曾
    // (a family name reads zeng); the brewery's name starts with it.
    let got: Vec<(DocRef, MatchQuality)> = index
        .search("cq", 5)
        .iter()
        .map(|h| (h.doc, h.quality))
        .collect();
    assert_eq!(
        got,
        vec![
            (ContactId(301).into(), MatchQuality::PinyinWhole),
            (ContactId(302).into(), MatchQuality::PinyinWholeRare),
            (client_ref(5), MatchQuality::PinyinPrefix),
        ]
    );
    assert_eq!(
        first(&index, "zq"),
        Some((ContactId(302).into(), MatchQuality::PinyinWhole))
    );
}

#[test]
fn hits_narrow_to_a_client_and_a_year_inside_the_index() {
    let mut index = agency();
    let mut old = job(103, 1, 7, "2019 春节 TVC");
    old.number = JobNumber {
        year: 2019,
        seq: 7,
        text: "2019-0007".into(),
    };
    index.upsert_job(&old, "可口可乐");
    index.upsert_job(&job(104, 2, 143, "春节 试驾"), "BMW 中国");
    let found = |n: SearchScope| -> Vec<DocRef> {
        let mut hits: Vec<DocRef> = index
            .search_within("春节", 30, n)
            .into_iter()
            .map(|h| h.doc)
            .collect();
        hits.sort();
        hits
    };
    let all = found(SearchScope::default());
    assert_eq!(all, [job_ref(100), job_ref(103), job_ref(104)]);
    let coke = SearchScope {
        client: Some(ClientId(1)),
        ..SearchScope::default()
    };
    assert_eq!(found(coke), [job_ref(100), job_ref(103)]);
    let coke_2019 = SearchScope {
        year: Some(2019),
        ..coke
    };
    assert_eq!(found(coke_2019), [job_ref(103)]);
    // The client itself is among its own records; records without a year are not of any.
    let named = |n: SearchScope| index.search_within("可口可乐", 30, n);
    assert!(named(coke).iter().any(|h| h.doc == client_ref(1)));
    let in_2026 = SearchScope {
        year: Some(2026),
        ..SearchScope::default()
    };
    assert!(!named(in_2026).iter().any(|h| h.doc == client_ref(1)));
    // A client unknown to the index has no records.
    let nobody = SearchScope {
        client: Some(ClientId(99)),
        ..SearchScope::default()
    };
    assert!(found(nobody).is_empty());
    // The year picker offers the years of the records, newest first, each once.
    assert_eq!(index.years(), [2026, 2019]);
    index.remove(job_ref(103));
    assert_eq!(index.years(), [2026]);
}

#[test]
fn hits_narrow_to_a_brand_and_a_job_inside_the_index() {
    let mut index = agency();
    let mut tvc = job(100, 1, 42, "2027 春节 TVC");
    tvc.brand_id = Some(BrandId(10));
    index.upsert_job(&tvc, "可口可乐");
    let mut summer = job(101, 1, 43, "雪碧 夏日 Campaign");
    summer.brand_id = Some(BrandId(11));
    index.upsert_job(&summer, "可口可乐");
    let mut pack = job(105, 1, 44, "雪碧 春节 包装");
    pack.brand_id = Some(BrandId(11));
    index.upsert_job(&pack, "可口可乐");
    let found = |index: &SearchIndex, query: &str, n: SearchScope| -> Vec<DocRef> {
        let mut hits: Vec<DocRef> = index
            .search_within(query, 30, n)
            .into_iter()
            .map(|h| h.doc)
            .collect();
        hits.sort();
        hits
    };
    let of_brand = |b: u64| SearchScope {
        brand: Some(BrandId(b)),
        ..SearchScope::default()
    };
    let of_job = |j: u64| SearchScope {
        job: Some(JobId(j)),
        ..SearchScope::default()
    };
    assert_eq!(found(&index, "春节", of_brand(11)), [job_ref(105)]);
    assert_eq!(
        found(&index, "雪碧", of_brand(11)),
        [brand_ref(11), job_ref(101), job_ref(105)]
    );
    assert_eq!(found(&index, "雪碧", of_job(101)), [job_ref(101)]);
    // Both at once: the job, if it is of the brand.
    let both = SearchScope {
        job: Some(JobId(101)),
        ..of_brand(10)
    };
    assert!(found(&index, "雪碧", both).is_empty());
    // A contact is of no brand.
    assert!(found(&index, "王小明", of_brand(10)).is_empty());
    assert_eq!(found(&index, "王小明", SearchScope::default()).len(), 1);
    // A job moved to another brand is found under that one only.
    pack.brand_id = Some(BrandId(10));
    index.upsert_job(&pack, "可口可乐");
    assert!(found(&index, "春节", of_brand(11)).is_empty());
    assert_eq!(
        found(&index, "春节", of_brand(10)),
        [job_ref(100), job_ref(105)]
    );
    // The last record, moved into the place of one removed, keeps its brand.
    index.remove(job_ref(100));
    assert_eq!(found(&index, "春节", of_brand(10)), [job_ref(105)]);
    assert_eq!(found(&index, "包装", of_job(105)), [job_ref(105)]);
}

#[test]
fn a_title_longer_than_shown_is_cut_and_still_found_by_its_end() {
    let mut index = SearchIndex::new();
    // 24,000 characters of three bytes: 72,000 bytes, then a word at the very end.
    let long = format!("{}结尾词", "长".repeat(24_000));
    index.upsert_job(&job(100, 1, 42, &long), "可口可乐");
    let hits = index.search("结尾词", 5);
    assert_eq!(hits.len(), 1);
    assert!(hits[0].title.len() <= 32_000, "{}", hits[0].title.len());
    assert!(hits[0].title.chars().all(|c| c == '长'));
    assert_eq!(hits[0].subtitle, "2026-0042 · 可口可乐");
}
