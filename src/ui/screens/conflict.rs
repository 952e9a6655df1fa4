//! Two people edited the same record: the three-way merge behind a form's conflict notice
//! ([`super::widgets::stale_ui`]). What the form loaded (base), what the person typed (mine)
//! and what the other person saved (theirs) are compared field by field — nested fields too,
//! as serde lays the draft out — so that the notice can name the fields the other person
//! changed and a merge can take theirs where only they changed something, keep the person's
//! own where only the person did, and keep the person's own (and say so) where both did.

use crate::domain::Lang;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// Fields that change with every save and say nothing about the content.
const BOOKKEEPING: &[&str] = &["audit", "id"];

/// The outcome of a three-way merge.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Merged<D> {
    /// Theirs, with every field only the person changed set to the person's.
    pub draft: D,
    /// The fields both changed, differently: the person's value was kept.
    pub both: Vec<String>,
}

/// The fields `theirs` changed from `base`, as dotted paths (`content.background`).
pub(crate) fn changed_fields<D: Serialize>(base: &D, theirs: &D) -> Vec<String> {
    let (Ok(base), Ok(theirs)) = (serde_json::to_value(base), serde_json::to_value(theirs)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    diff("", &base, &theirs, &mut out);
    out
}

fn diff(path: &str, base: &Value, theirs: &Value, out: &mut Vec<String>) {
    match (base, theirs) {
        (Value::Object(b), Value::Object(t)) => {
            for (key, tv) in t {
                if BOOKKEEPING.contains(&key.as_str()) {
                    continue;
                }
                let p = join(path, key);
                match b.get(key) {
                    Some(bv) => diff(&p, bv, tv, out),
                    None => out.push(p),
                }
            }
        }
        _ if base != theirs => out.push(path.to_string()),
        _ => {}
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// Merges `mine` and `theirs`, both made from `base`. `None` when a draft cannot be laid
/// out as fields (the form then offers only keeping one side).
pub(crate) fn merge3<D: Serialize + DeserializeOwned>(
    base: &D,
    mine: &D,
    theirs: &D,
) -> Option<Merged<D>> {
    let base = serde_json::to_value(base).ok()?;
    let mine = serde_json::to_value(mine).ok()?;
    let theirs = serde_json::to_value(theirs).ok()?;
    let mut both = Vec::new();
    let merged = merge_value("", &base, &mine, &theirs, &mut both);
    let draft = serde_json::from_value(merged).ok()?;
    Some(Merged { draft, both })
}

fn merge_value(
    path: &str,
    base: &Value,
    mine: &Value,
    theirs: &Value,
    both: &mut Vec<String>,
) -> Value {
    if let (Value::Object(b), Value::Object(m), Value::Object(t)) = (base, mine, theirs) {
        let mut out = Map::new();
        for (key, tv) in t {
            let merged = match (b.get(key), m.get(key)) {
                (Some(bv), Some(mv)) => merge_value(&join(path, key), bv, mv, tv, both),
                _ => tv.clone(),
            };
            out.insert(key.clone(), merged);
        }
        return Value::Object(out);
    }
    if mine == base || mine == theirs {
        theirs.clone()
    } else if theirs == base {
        mine.clone()
    } else {
        both.push(path.to_string());
        mine.clone()
    }
}

/// A field's name as people call it, from its path's last part (`content.background`: 背景).
pub(crate) fn field_label(path: &str, lang: Lang) -> String {
    let key = path.rsplit('.').next().unwrap_or(path);
    let (zh, en) = match key {
        "name" => ("名称", "name"),
        "short_name" => ("简称", "short name"),
        "industry" => ("行业", "industry"),
        "address" => ("地址", "address"),
        "phone" => ("电话", "phone"),
        "since" => ("合作起始", "client since"),
        "notes" => ("备注", "notes"),
        "title" => ("标题", "title"),
        "email" => ("邮箱", "email"),
        "wechat" => ("微信", "WeChat"),
        "number" => ("编号", "number"),
        "scope" => ("范围", "scope"),
        "start" => ("开始", "start"),
        "end" => ("结束", "end"),
        "value" => ("金额", "value"),
        "status" => ("状态", "status"),
        "facts" => ("品牌事实", "brand facts"),
        "key_points" => ("要点", "key points"),
        "positioning" => ("定位", "positioning"),
        "competitors" => ("竞争品牌", "competitors"),
        "client_id" => ("客户", "client"),
        "brand_id" => ("品牌", "brand"),
        "team" => ("团队", "team"),
        "requested_on" => ("委托日期", "requested on"),
        "due_on" => ("截止日期", "due on"),
        "background" => ("背景", "background"),
        "objective" => ("目标", "objective"),
        "audience" => ("目标受众", "audience"),
        "key_message" => ("核心信息", "key message"),
        "deliverables" => ("交付物", "deliverables"),
        "mandatories" => ("必备要素", "mandatories"),
        "budget" => ("预算", "budget"),
        "timing" => ("时间要求", "timing"),
        "role" => ("角色", "role"),
        "active" => ("在职", "active"),
        "agency_name" => ("公司名称", "agency name"),
        "agency_name_en" => ("英文名称", "English name"),
        "job_number_format" => ("工作编号格式", "job number format"),
        "days" => ("工作日", "working days"),
        "notices" => ("假期通知", "holiday notices"),
        "kind" => ("类型", "kind"),
        "jobs" => ("工作", "jobs"),
        "place" => ("地点", "place"),
        "attendees" => ("参会人", "attendees"),
        "agenda" => ("议程", "agenda"),
        "prep" => ("准备事项", "preparation"),
        "minutes" => ("纪要", "minutes"),
        "sent" => ("已发送版本", "sent versions"),
        other => (other, other),
    };
    lang.pick(zh, en).to_string()
}

/// The fields' names joined for a sentence, each once, in the order given.
pub(crate) fn field_list(paths: &[String], lang: Lang) -> String {
    let mut names: Vec<String> = Vec::new();
    for p in paths {
        let name = field_label(p, lang);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(lang.pick("、", ", "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::{BriefDraft, ClientDraft};

    fn client(name: &str, phone: &str, notes: &str) -> ClientDraft {
        ClientDraft {
            name: name.into(),
            phone: phone.into(),
            notes: notes.into(),
            ..ClientDraft::default()
        }
    }

    #[test]
    fn a_merge_takes_each_side_where_only_it_changed_and_mine_where_both_did() {
        let base = client("可口可乐", "010-1", "旧备注");
        let mine = client("可口可乐（中国）", "010-1", "我的备注");
        let theirs = client("可口可乐", "010-2", "他们的备注");
        let merged = merge3(&base, &mine, &theirs).unwrap();
        assert_eq!(
            merged.draft,
            client("可口可乐（中国）", "010-2", "我的备注")
        );
        assert_eq!(merged.both, vec!["notes".to_string()]);
        let mut changed = changed_fields(&base, &theirs);
        changed.sort();
        assert_eq!(changed, vec!["notes".to_string(), "phone".to_string()]);
        let named = field_list(&changed, Lang::Zh);
        assert!(named == "备注、电话", "{named}");
        // The same change on both sides is no conflict.
        let same = merge3(&base, &theirs, &theirs).unwrap();
        assert_eq!(same.draft, theirs);
        assert!(same.both.is_empty());
    }

    #[test]
    fn nested_fields_merge_one_by_one() {
        let mut base = BriefDraft::default();
        base.content.background = "背景".into();
        let mut mine = base.clone();
        mine.content.objective = "我的目标".into();
        let mut theirs = base.clone();
        theirs.content.background = "他们的背景".into();
        let merged = merge3(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.draft.content.objective, "我的目标");
        assert_eq!(merged.draft.content.background, "他们的背景");
        assert!(merged.both.is_empty());
        assert_eq!(
            changed_fields(&base, &theirs),
            vec!["content.background".to_string()]
        );
        assert_eq!(field_label("content.background", Lang::En), "background");
    }
}
