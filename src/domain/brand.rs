//! The brand file (品牌档案): what the agency knows about a brand and how its strategy evolved.

use super::ids::{BrandId, ClientId};
use super::stamp::Audit;
use serde::{Deserialize, Serialize};

/// A brand owned by a client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brand {
    /// Stable identity.
    pub id: BrandId,
    /// The client who owns the brand.
    pub client_id: ClientId,
    /// Brand name, e.g. 可口可乐.
    pub name: String,
    /// Key facts (品牌资料): category, launch, share, price band.
    pub facts: String,
    /// Key points (重点) the team must never forget.
    pub key_points: String,
    /// Positioning and development strategy (定位与策略).
    pub positioning: String,
    /// Competing brands, by name (竞争品牌).
    pub competitors: Vec<String>,
    /// Who created and last changed the record.
    pub audit: Audit,
}

/// Splits what a person typed into competitor names: one per line or separated by commas
/// (Latin or Chinese) or 、; blanks and duplicates are dropped, order is kept.
pub fn parse_competitors(input: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in input.split(['\n', ',', '，', '、', ';', '；']) {
        let name = name.trim();
        if !name.is_empty() && !out.iter().any(|n| n == name) {
            out.push(name.to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competitors_split_on_any_separator_people_use() {
        assert_eq!(
            parse_competitors("百事可乐、 农夫山泉,元气森林\n\n百事可乐；Red Bull"),
            vec!["百事可乐", "农夫山泉", "元气森林", "Red Bull"]
        );
        assert!(parse_competitors(" ,、\n").is_empty());
    }
}
