//! Which rules run (`select`, `ignore`, every selector of the config checked) and the
//! severity a finding ends with (`[severity]`).

use ops_model::selector::is_selected;
use ops_model::{Finding, Rule, RuleMeta, Selector, Severity};

use super::Engine;
use crate::EngineError;
use crate::registry::{ADJUSTABLE_DIAGNOSTICS, is_engine_code};

impl Engine {
    /// The rules this engine will run, after `select`/`ignore`. Unknown selectors (in
    /// `select`, `ignore`, `[severity]` and `[[suppress]]`) are errors: a typo must not
    /// silently switch a rule off. The error names the selector's place in the config file
    /// when it was written there, and the closest rule.
    pub fn selected_rules(&self) -> Result<Vec<&'static dyn Rule>, EngineError> {
        let metas: Vec<&RuleMeta> = self.rules.iter().map(|r| r.meta()).collect();
        let source = &self.contract.source;
        type Locate<'a> = &'a dyn Fn(&str) -> Option<ops_model::contract::ConfigLocation>;
        let parse = |list: &[String],
                     locate: Locate<'_>,
                     origin: &str,
                     extra: &[&RuleMeta]|
         -> Result<Vec<Selector>, EngineError> {
            list.iter()
                .map(|s| {
                    let sel = Selector::new(s);
                    if sel.matches_any(&metas) || sel.matches_any(extra) {
                        return Ok(sel);
                    }
                    let names = metas.iter().chain(extra).flat_map(|m| [m.code, m.slug]);
                    Err(EngineError::UnknownSelector {
                        selector: s.clone(),
                        origin: origin.to_string(),
                        location: locate(s).map(|l| l.to_string()),
                        hint: ops_model::suggest::hint(s, names),
                    })
                })
                .collect()
        };
        let select = parse(
            &self.contract.select,
            &|s| source.locate("select", Some(s)),
            "select",
            &[],
        )?;
        let ignore = parse(
            &self.contract.ignore,
            &|s| source.locate("ignore", Some(s)),
            "ignore",
            &[],
        )?;
        let keys: Vec<String> = self.contract.severity.keys().cloned().collect();
        // A `[severity]` selector is a key, not a string value: point at the table.
        parse(
            &keys,
            &|_| source.locate("severity", None),
            "[severity]",
            ADJUSTABLE_DIAGNOSTICS,
        )?;
        for (i, entry) in self.contract.suppress.iter().enumerate() {
            let key = format!("suppress.{i}.rules");
            parse(
                &entry.rules,
                &|s| source.locate(&key, Some(s)),
                "[[suppress]] rules",
                &[],
            )?;
        }
        Ok(self
            .rules
            .iter()
            .copied()
            .filter(|r| is_selected(r.meta(), &select, &ignore))
            .collect())
    }

    pub(super) fn override_severity(&self, f: &mut Finding) {
        if let Some(severity) = self.severity_override(f) {
            f.severity = severity;
        }
    }

    /// The configured severity for a finding: exact code, then slug, then the longest group
    /// prefix. Engine diagnostics keep theirs, except the suppression checks
    /// ([`ADJUSTABLE_DIAGNOSTICS`]).
    fn severity_override(&self, f: &Finding) -> Option<Severity> {
        if is_engine_code(f.code) && !ADJUSTABLE_DIAGNOSTICS.iter().any(|m| m.code == f.code) {
            return None;
        }
        let map = &self.contract.severity;
        if let Some((_, sev)) = map.iter().find(|(k, _)| k.eq_ignore_ascii_case(f.code)) {
            return Some(*sev);
        }
        if let Some(sev) = map.get(f.slug) {
            return Some(*sev);
        }
        map.iter()
            .filter(|(k, _)| {
                !k.is_empty() && k.len() < f.code.len() && f.code[..k.len()].eq_ignore_ascii_case(k)
            })
            .max_by_key(|(k, _)| k.len())
            .map(|(_, sev)| *sev)
    }
}
