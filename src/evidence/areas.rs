//! The assessment's structure: the control areas a reviewer walks through,
//! which catalog control belongs to which, and the manual items no scanner
//! can verify. Our own grouping of CONTROLS.md's catalog.

/// A section of the assessment.
#[derive(Debug, Clone, Copy)]
pub struct Area {
    /// Section title.
    pub title: &'static str,
    /// Control ids in the order shown.
    pub controls: &'static [&'static str],
}

/// The five control areas; controls of the catalog not named here go to a
/// last "Other controls" section so nothing in scope is left out.
pub const AREAS: [Area; 5] = [
    Area {
        title: "Authentication and sessions",
        controls: &["SOC2 CC6.1", "SOC2 CC6.2", "SOC2 CC6.3", "GDPR Art. 25"],
    },
    Area {
        title: "Data protection and secrets",
        controls: &[
            "GDPR Art. 32(1)(a)",
            "GDPR Art. 32(1)(b)",
            "GDPR Art. 5(1)(f)",
            "SOC2 C1.1",
        ],
    },
    Area {
        title: "Transport",
        controls: &["SOC2 CC6.7"],
    },
    Area {
        title: "Logging and monitoring",
        controls: &[
            "SOC2 CC7.2",
            "GDPR Art. 5(1)(c)",
            "SOC2 CC7.1",
            "SOC2 CC8.1",
            "GDPR Art. 32(1)(d)",
        ],
    },
    Area {
        title: "Abuse protection",
        controls: &["SOC2 CC6.6"],
    },
];

/// The title of the section collecting controls no area names.
pub const OTHER_AREA: &str = "Other controls";

/// A check only a person can make.
#[derive(Debug, Clone, Copy)]
pub struct ManualItem {
    /// Stable key (`M1`…), how the gate finds the item in the edited document.
    pub id: &'static str,
    /// What to verify.
    pub text: &'static str,
    /// The control it supports.
    pub control: &'static str,
}

/// The manual items, in document order.
pub const MANUAL_ITEMS: [ManualItem; 6] = [
    ManualItem {
        id: "M1",
        text: "Administrator accounts require a second factor (2FA) to sign in",
        control: "SOC2 CC6.1",
    },
    ManualItem {
        id: "M2",
        text: "Keys, tokens and credentials are rotated on a schedule and after staff changes",
        control: "SOC2 CC6.1",
    },
    ManualItem {
        id: "M3",
        text: "Access rights are reviewed periodically and leavers are removed",
        control: "SOC2 CC6.3",
    },
    ManualItem {
        id: "M4",
        text: "Databases and backups holding personal data are encrypted at rest",
        control: "GDPR Art. 32(1)(a)",
    },
    ManualItem {
        id: "M5",
        text: "Backups are taken and a restore has been tested",
        control: "GDPR Art. 32(1)(b)",
    },
    ManualItem {
        id: "M6",
        text: "Personal data is deleted or anonymised when its retention period ends",
        control: "GDPR Art. 25",
    },
];

/// The area a control belongs to.
pub fn area_of(control: &str) -> &'static str {
    AREAS
        .iter()
        .find(|a| a.controls.contains(&control))
        .map_or(OTHER_AREA, |a| a.title)
}
