-- theme-primary held the theme's label as the old form showed it; the new site stores the theme's
-- slug. The twelve themes map one to one; any other value is left as it is (and counted).

-- ferry:capture themes: SELECT count(*) FROM package_extra WHERE key = 'theme-primary'
-- ferry:capture labelled: SELECT count(*) FROM package_extra WHERE key = 'theme-primary' AND value IN ('Business & Economy', 'Crime & Justice', 'Defence', 'Education', 'Environment', 'Government', 'Government Spending', 'Health', 'Mapping', 'Society', 'Towns & Cities', 'Transport')
-- ferry:capture slugged: SELECT count(*) FROM package_extra WHERE key = 'theme-primary' AND value IN ('business-and-economy', 'crime-and-justice', 'defence', 'education', 'environment', 'government', 'government-spending', 'health', 'mapping', 'society', 'towns-and-cities', 'transport')
-- ferry:capture unmapped: SELECT count(*) FROM package_extra WHERE key = 'theme-primary' AND value NOT IN ('Business & Economy', 'Crime & Justice', 'Defence', 'Education', 'Environment', 'Government', 'Government Spending', 'Health', 'Mapping', 'Society', 'Towns & Cities', 'Transport', 'business-and-economy', 'crime-and-justice', 'defence', 'education', 'environment', 'government', 'government-spending', 'health', 'mapping', 'society', 'towns-and-cities', 'transport')

UPDATE package_extra AS e
SET value = t.slug
FROM (VALUES ('Business & Economy', 'business-and-economy'),
             ('Crime & Justice', 'crime-and-justice'),
             ('Defence', 'defence'),
             ('Education', 'education'),
             ('Environment', 'environment'),
             ('Government', 'government'),
             ('Government Spending', 'government-spending'),
             ('Health', 'health'),
             ('Mapping', 'mapping'),
             ('Society', 'society'),
             ('Towns & Cities', 'towns-and-cities'),
             ('Transport', 'transport')) AS t (label, slug)
WHERE e.key = 'theme-primary'
  AND e.value = t.label;

-- ferry:assert SELECT count(*) = :themes FROM package_extra WHERE key = 'theme-primary'
-- ferry:assert SELECT count(*) = :labelled + :slugged FROM package_extra WHERE key = 'theme-primary' AND value IN ('business-and-economy', 'crime-and-justice', 'defence', 'education', 'environment', 'government', 'government-spending', 'health', 'mapping', 'society', 'towns-and-cities', 'transport')
-- ferry:assert SELECT count(*) = :themes - :labelled - :slugged FROM package_extra WHERE key = 'theme-primary' AND value NOT IN ('business-and-economy', 'crime-and-justice', 'defence', 'education', 'environment', 'government', 'government-spending', 'health', 'mapping', 'society', 'towns-and-cities', 'transport')
