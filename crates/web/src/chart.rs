//! A measurement's values as an SVG line chart with axes: a value axis with round ticks
//! over a range that holds the values and the plan's limits (never narrower than a tenth
//! of the values, so 90 and 91 % do not fill the height), the limits drawn as yellow and
//! red lines, and the first and last dates under the time axis. The numbers are also in a
//! table beside every chart; the chart is a picture of them.

use chrono::{DateTime, Utc};
use chrono_tz::Europe::Oslo;

use carepath_domain::threshold::Limits;

const LEFT: f64 = 44.0;
const RIGHT: f64 = 352.0;
const TOP: f64 = 10.0;
const BOTTOM: f64 = 130.0;

/// A chart ready for `templates/chart.html` (SVG user units, as text).
#[derive(Debug, Clone)]
pub(crate) struct Chart {
    /// The SVG's title element id, unique on its page.
    pub id: String,
    /// The measurement's name and unit, for the text alternative.
    pub name: String,
    pub unit: String,
    /// The line, oldest left.
    pub points: String,
    pub dots: Vec<(String, String)>,
    /// The value axis: (y, label).
    pub ticks: Vec<(String, String)>,
    /// The plan's limits inside the range: (y, CSS class `yellow` or `red`).
    pub limits: Vec<(String, &'static str)>,
    /// The first and last dates under the time axis ("3.12.").
    pub first: String,
    pub last: String,
    /// The lowest and highest value, for the chart's text alternative.
    pub lowest: String,
    pub highest: String,
}

/// A step of 1, 2, 2.5 or 5 times a power of ten near `span / 4`.
fn nice_step(span: f64) -> f64 {
    let raw = (span / 4.0).max(f64::EPSILON);
    let power = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|m| m * power)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * power)
}

fn short_date(t: DateTime<Utc>) -> String {
    t.with_timezone(&Oslo).format("%-d.%-m.").to_string()
}

/// The chart of `values` (newest first), with `limits` drawn when given; `None` without
/// values.
pub(crate) fn chart(
    id: String,
    (name, unit): (String, String),
    values: &[(DateTime<Utc>, f64)],
    limits: Option<&Limits>,
) -> Option<Chart> {
    let number = |v: f64| carepath_i18n::number(crate::i18n::current(), v);
    let lowest = values.iter().map(|v| v.1).fold(f64::INFINITY, f64::min);
    let highest = values.iter().map(|v| v.1).fold(f64::NEG_INFINITY, f64::max);
    if !lowest.is_finite() {
        return None;
    }
    let bounds: Vec<(f64, &'static str)> = limits
        .map(|l| {
            [
                (l.red_below, "red"),
                (l.yellow_below, "yellow"),
                (l.yellow_above, "yellow"),
                (l.red_above, "red"),
            ]
            .into_iter()
            .filter_map(|(v, class)| v.map(|v| (v, class)))
            .collect()
        })
        .unwrap_or_default();
    let mut lo = bounds.iter().map(|b| b.0).fold(lowest, f64::min);
    let mut hi = bounds.iter().map(|b| b.0).fold(highest, f64::max);
    let least = (lowest.abs().max(highest.abs()) * 0.1).max(1.0);
    if hi - lo < least {
        let middle = (hi + lo) / 2.0;
        lo = middle - least / 2.0;
        hi = middle + least / 2.0;
    }
    let step = nice_step(hi - lo);
    lo = (lo / step).floor() * step;
    hi = (hi / step).ceil() * step;
    let y = |v: f64| BOTTOM - (v - lo) / (hi - lo) * (BOTTOM - TOP);
    let n = values.len();
    let coords: Vec<(f64, f64)> = values
        .iter()
        .rev()
        .enumerate()
        .map(|(i, (_, v))| {
            let x = if n == 1 {
                (LEFT + RIGHT) / 2.0
            } else {
                LEFT + 6.0 + i as f64 * (RIGHT - LEFT - 12.0) / (n - 1) as f64
            };
            (x, y(*v))
        })
        .collect();
    let mut ticks = Vec::new();
    let mut t = lo;
    while t <= hi + step / 2.0 {
        ticks.push((format!("{:.1}", y(t)), number((t * 100.0).round() / 100.0)));
        t += step;
    }
    Some(Chart {
        id,
        name,
        unit,
        points: coords
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect::<Vec<_>>()
            .join(" "),
        dots: coords
            .iter()
            .map(|(x, y)| (format!("{x:.1}"), format!("{y:.1}")))
            .collect(),
        ticks,
        limits: bounds
            .iter()
            .map(|(v, class)| (format!("{:.1}", y(*v)), *class))
            .collect(),
        first: values.last().map(|v| short_date(v.0)).unwrap_or_default(),
        last: values.first().map(|v| short_date(v.0)).unwrap_or_default(),
        lowest: number(lowest),
        highest: number(highest),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(day: u32) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(&format!("2026-12-{day:02}T08:00:00+01:00"))
            .map(|t| t.with_timezone(&Utc))
            .unwrap_or_default()
    }

    fn ys(c: &Chart) -> Vec<f64> {
        c.dots.iter().filter_map(|d| d.1.parse().ok()).collect()
    }

    #[test]
    fn a_small_wiggle_stays_small() {
        // SpO2 between 90 and 91 % without limits: not a full-height zigzag.
        let values: Vec<_> = (1..=6).map(|d| (at(d), 90.0 + f64::from(d % 2))).collect();
        let c =
            chart("g".into(), Default::default(), &values, None).unwrap_or_else(|| unreachable!());
        let y = ys(&c);
        let spread =
            y.iter().copied().fold(f64::MIN, f64::max) - y.iter().copied().fold(f64::MAX, f64::min);
        assert!(spread < (BOTTOM - TOP) / 4.0, "{spread}");
        assert!(c.ticks.len() >= 3, "{:?}", c.ticks);
    }

    #[test]
    fn the_limits_are_in_range_and_drawn() {
        let values = [(at(2), 93.0), (at(1), 95.0)];
        let limits = Limits {
            red_below: Some(88.0),
            yellow_below: Some(92.0),
            ..Default::default()
        };
        let c = chart("g".into(), Default::default(), &values, Some(&limits))
            .unwrap_or_else(|| unreachable!());
        assert_eq!(c.limits.len(), 2);
        let red: f64 = c.limits[0].0.parse().unwrap_or_default();
        assert!((TOP..=BOTTOM).contains(&red), "{red}");
        assert_eq!((c.first.as_str(), c.last.as_str()), ("1.12.", "2.12."));
        // The newest is drawn right.
        let x: Vec<f64> = c.dots.iter().filter_map(|d| d.0.parse().ok()).collect();
        assert!(x[0] < x[1]);
    }
}
