//! The generated agency's clients with their contacts, contracts and brands.

use super::*;

impl Generator {
    pub(super) fn clients(
        &mut self,
        store: &Store,
        plan: &Plan,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Vec<GenClient>, GenError> {
        let mut clients: Vec<GenClient> = Vec::with_capacity(plan.clients);
        let mut used = std::collections::HashSet::new();
        let contacts_per = plan.contacts / plan.clients.max(1);
        let contracts_per = plan.contracts / plan.clients.max(1);
        let director = self.director();
        for chunk_start in (0..plan.clients).step_by(25) {
            let chunk_end = (chunk_start + 25).min(plan.clients);
            batch(store, |b| {
                for i in chunk_start..chunk_end {
                    let c = self.client(b, i, &mut used, director)?;
                    // Spread the remainder so the totals are exact.
                    let contacts = contacts_per + usize::from(i < plan.contacts % plan.clients);
                    let contracts = contracts_per + usize::from(i < plan.contracts % plan.clients);
                    self.contacts(b, &c, contacts, director)?;
                    self.contracts(b, &c, i, contracts, director)?;
                    let c = self.brands(b, c, plan.brands_per_client, director)?;
                    clients.push(c);
                }
                Ok(())
            })?;
            progress(Progress {
                stage: "clients",
                done: chunk_end,
                total: plan.clients,
            });
        }
        Ok(clients)
    }

    pub(super) fn client(
        &mut self,
        b: &mut Batch<'_>,
        i: usize,
        used: &mut std::collections::HashSet<String>,
        director: UserId,
    ) -> Result<GenClient, ServiceError> {
        let industry = &vocab::INDUSTRIES[i % vocab::INDUSTRIES.len()];
        let city = self.rng.word(vocab::CITIES);
        let (name, short_name) = if i % 12 == 5 {
            let (en, zh) = vocab::FOREIGN[(i / 12) % vocab::FOREIGN.len()];
            (
                format!("{zh}（中国）{}有限公司", industry.suffix),
                en.to_string(),
            )
        } else {
            let mut short = String::new();
            for _ in 0..64 {
                short = format!("{}{}", self.rng.word(vocab::TRADE_NAMES), industry.suffix);
                if !used.contains(&short) {
                    break;
                }
            }
            (format!("{city}{short}有限公司"), short)
        };
        let name = if used.contains(&short_name) {
            format!("{name}（{}）", i + 1)
        } else {
            name
        };
        let short_name = if used.insert(short_name.clone()) {
            short_name
        } else {
            format!("{short_name} {}", i + 1)
        };
        let since = self.start + Duration::days(self.rng.between(0, 400));
        let draft = ClientDraft {
            name,
            short_name: short_name.clone(),
            industry: industry.name.into(),
            address: format!(
                "{city}市{}{}号 {} 楼",
                self.rng.word(vocab::STREETS),
                self.rng.between(1, 999),
                self.rng.between(2, 40)
            ),
            phone: format!(
                "0{}-{}",
                self.rng.between(10, 29),
                self.rng.between(50_000_000, 89_999_999)
            ),
            since: since.format("%Y-%m-%d").to_string(),
            notes: format!("{}客户，重点市场：{city}。", industry.name),
            invoicing: Box::default(),
        };
        let ctx = self.ctx(director, since);
        let id = ClientId(b.apply(&ctx, Command::CreateClient(draft))?.id);
        self.out.clients += 1;
        Ok(GenClient {
            id,
            short_name,
            industry,
            brands: Vec::new(),
            city,
        })
    }

    pub(super) fn contacts(
        &mut self,
        b: &mut Batch<'_>,
        c: &GenClient,
        n: usize,
        director: UserId,
    ) -> Result<(), ServiceError> {
        let domain = format!("client{}.example.cn", c.id.0);
        for k in 0..n {
            let foreign = c.short_name.is_ascii() && self.rng.chance(40);
            let (name, mail) = if foreign {
                let first = self.rng.word(vocab::ENGLISH_NAMES);
                let last = self.rng.word(vocab::ENGLISH_SURNAMES);
                (
                    format!("{first} {last}"),
                    format!("{first}.{k}").to_lowercase(),
                )
            } else {
                let name = self.person_name();
                let romanised: String = name
                    .as_str()
                    .to_pinyin()
                    .flatten()
                    .map(|p| p.plain())
                    .collect();
                (name, format!("{romanised}{k}"))
            };
            let on = self.start + Duration::days(self.rng.between(0, 365 * 3));
            let draft = ContactDraft {
                name,
                title: self.rng.word(vocab::CONTACT_TITLES).into(),
                phone: format!(
                    "1{}{:08}",
                    self.rng.between(30, 89),
                    self.rng.below(100_000_000)
                ),
                email: format!("{mail}@{domain}"),
                wechat: format!("wx_{}", self.rng.between(100_000, 999_999)),
                notes: String::new(),
            };
            let ctx = self.ctx(director, on);
            b.apply(&ctx, Command::AddContact(c.id, draft))?;
            self.out.contacts += 1;
        }
        Ok(())
    }

    pub(super) fn contracts(
        &mut self,
        b: &mut Batch<'_>,
        c: &GenClient,
        i: usize,
        n: usize,
        director: UserId,
    ) -> Result<(), ServiceError> {
        for k in 0..n {
            let start = self.start
                + Duration::days(self.rng.between(0, (self.today - self.start).num_days()));
            let end = start + Duration::days(self.rng.between(60, 365));
            let status = if self.today < start {
                ContractStatus::Draft
            } else if self.today > end {
                ContractStatus::Expired
            } else {
                ContractStatus::Active
            };
            let draft = ContractDraft {
                number: format!("HT{}-{:03}-{:02}", start.year(), i + 1, k + 1),
                scope: self.rng.word(vocab::CONTRACT_SCOPES).into(),
                start: start.format("%Y-%m-%d").to_string(),
                end: end.format("%Y-%m-%d").to_string(),
                value: (self.rng.between(20, 1_200) * 10_000).to_string(),
                status,
            };
            let on = start.min(self.today);
            let ctx = self.ctx(director, on);
            b.apply(&ctx, Command::AddContract(c.id, draft))?;
            self.out.contracts += 1;
        }
        Ok(())
    }

    pub(super) fn brands(
        &mut self,
        b: &mut Batch<'_>,
        mut c: GenClient,
        n: usize,
        director: UserId,
    ) -> Result<GenClient, ServiceError> {
        for k in 0..n {
            let (stem, en) = *self.rng.pick(vocab::BRAND_STEMS).unwrap_or(&("悦享", ""));
            let line = if k == 0 {
                ""
            } else {
                self.rng.word(vocab::BRAND_LINES)
            };
            let mut name = match (line.is_empty(), en.is_empty()) {
                (true, true) => stem.to_string(),
                (true, false) => format!("{stem} {en}"),
                (false, _) => format!("{stem}{line}"),
            };
            if c.brands.iter().any(|(_, n)| *n == name) {
                name = format!("{name} {}", k + 1);
            }
            let competitors = (0..3)
                .map(|_| self.rng.pick(vocab::BRAND_STEMS).map_or("", |s| s.0))
                .filter(|s| *s != stem)
                .collect::<Vec<_>>()
                .join("，");
            let draft = BrandDraft {
                name: name.clone(),
                facts: format!(
                    "{}旗下{}品牌，主销{}，在{}等城市有稳定用户。",
                    c.short_name, c.industry.product, c.industry.product, c.city
                ),
                key_points: format!(
                    "品质可靠；设计年轻；{}渠道表现突出。",
                    self.rng.word(vocab::CHANNELS)
                ),
                positioning: format!(
                    "面向{}的{}",
                    self.rng.word(vocab::AUDIENCES),
                    c.industry.product
                ),
                competitors,
            };
            let on = self.start + Duration::days(self.rng.between(0, 500));
            let ctx = self.ctx(director, on);
            let id = BrandId(b.apply(&ctx, Command::CreateBrand(c.id, draft))?.id);
            c.brands.push((id, name));
            self.out.brands += 1;
        }
        Ok(c)
    }
}
