-- The referring GP's region (issue 18, decision 0053): a county or health region code
-- (crates/domain/src/region.rs), so the GP share can be counted per referring region.
ALTER TABLE referrals ADD COLUMN region TEXT;
