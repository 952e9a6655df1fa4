//! The records of the files and archives in the index: documents, creative works and the
//! library's items.

use super::*;

impl SearchIndex {
    /// Adds or replaces a document of the client named `client_name` (blank for the
    /// agency's reference files); found by title, counterparty, topic and tags, literally
    /// and as pinyin, and by its number and the name its file arrived with, literally only.
    /// A trashed document is not found: it is removed.
    pub fn upsert_document(&mut self, d: &crate::domain::Document, client_name: &str) {
        if d.trashed.is_some() {
            self.remove(d.id.into());
            return;
        }
        let owner = match d.client_id.0 {
            0 => None,
            _ => self.set_owner(d.client_id, &[client_name], false),
        };
        let date = d.dated.map(|x| x.to_string()).unwrap_or_default();
        let detail = [d.number.as_str(), &date, &d.counterparty]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let file = d.current().map_or("", |v| v.file.original_name.as_str());
        let mut texts: Vec<&str> = vec![&d.title, &d.counterparty, &d.topic];
        texts.extend(d.tags.iter().map(String::as_str));
        // Numbers and file names are typed as they are: spelling them as pinyin too would
        // make every document a candidate for every query of digits and `txt` letters.
        let literal = [d.number.as_str(), file];
        let haystack = Haystack::new(&mut self.phonetics, &texts, &literal, false);
        self.put_entry(d.id.into(), &d.title, &detail, owner, haystack);
        self.set_year(d.id.into(), d.dated.map(|x| x.year()));
        self.set_of(d.id.into(), d.brand_id, d.job_id);
    }

    /// Adds or replaces a creative work of the client named `client_name`: found by its
    /// title, campaign, approval number, format, outlets, credits and awards.
    pub fn upsert_creative_work(&mut self, w: &crate::domain::CreativeWork, client_name: &str) {
        let owner = self.set_owner(w.client_id, &[client_name], false);
        let medium = w.medium.names().0;
        let first = w
            .ran
            .map(|(first, _)| first.to_string())
            .unwrap_or_default();
        let detail = [medium, w.format.as_str(), &first]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let mut texts: Vec<&str> = w.searched_texts().to_vec();
        texts.push(medium);
        self.put(w.id.into(), &w.title, &detail, owner, &texts, false);
        self.set_year(w.id.into(), w.ran.map(|(first, _)| first.year()));
        self.set_of(w.id.into(), w.brand_id, w.job_id);
    }

    /// Adds or replaces an item of the library's shelves, kept for the client named
    /// `client_name` (blank for the agency's own): found by its archive number as printed
    /// (`ASN-000123`) or as its digits (a scanner types either), its title, owner and place.
    pub fn upsert_library_item(&mut self, i: &crate::domain::LibraryItem, client_name: &str) {
        let owner = match i.client_id.0 {
            0 => None,
            _ => self.set_owner(i.client_id, &[client_name], false),
        };
        let label = i.label();
        let digits = format!("{:06}", i.serial);
        let home = i.home.label();
        let detail = [label.as_str(), &home]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" · ");
        let texts: Vec<&str> = vec![&i.title, &label, &digits, &i.owner_name, &home];
        self.put(i.id.into(), &i.title, &detail, owner, &texts, false);
        self.set_of(i.id.into(), None, i.job_id);
    }
}
