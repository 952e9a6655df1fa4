//! The library's item labels: what each label of a sheet says.

use crate::domain::LibraryItem;

/// One label: the archive number (printed and in its QR code), what the item is, its home
/// on the shelves and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemLabel {
    /// `ASN-000123`: printed large and held by the QR code.
    pub number: String,
    /// What the item is.
    pub title: String,
    /// `A室-3柜-2层-15盒`.
    pub home: String,
    /// The client it is kept for, or the competitor or owner named.
    pub owner: String,
}

impl ItemLabel {
    /// The label of `item`, kept for the client named `client_name` (blank: the agency's).
    pub fn of(item: &LibraryItem, client_name: &str) -> ItemLabel {
        let owner = match (client_name.trim(), item.owner_name.trim()) {
            ("", o) => o.to_string(),
            (c, "") => c.to_string(),
            (c, o) => format!("{c} · {o}"),
        };
        ItemLabel {
            number: item.label(),
            title: item.title.clone(),
            home: item.home.label(),
            owner,
        }
    }
}
