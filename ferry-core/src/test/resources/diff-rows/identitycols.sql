-- identchanges changes its defaults and identities, gen swaps which column is generated (adding
-- becomes GENERATED AS (1), so it holds 1 here already): the stored values must stay.
INSERT INTO identchanges (c, e) VALUES (1, 100), (2, 200);
INSERT INTO gen (adding) VALUES (1), (1);
