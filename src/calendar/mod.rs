//! Dates: the Vietnamese lunar calendar, Vietnamese public holidays, and the working-day
//! calendar of a problem.

pub mod check;
pub mod holidays;
pub mod interval;
pub mod lunar;
pub mod tet;
pub mod working;

pub use holidays::{makeup_workdays, public_holidays, Holiday, HolidayKind};
pub use lunar::{lunar_to_solar, solar_to_lunar, LunarDate};
pub use tet::{tet_break, year_name, TetBreak};
pub use working::WorkCalendar;
