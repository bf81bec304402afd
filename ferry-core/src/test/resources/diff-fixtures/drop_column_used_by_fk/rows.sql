-- email goes (and the foreign key over it); account's ids and login's ids and times stay.
INSERT INTO account VALUES (1, 'a@example.org'), (2, 'b@example.org');
INSERT INTO login VALUES (1, 'a@example.org', '2024-01-02 03:04:05+00'), (2, NULL, NULL);
