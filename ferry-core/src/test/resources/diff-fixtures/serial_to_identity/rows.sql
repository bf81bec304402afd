INSERT INTO ticket (title) VALUES ('second'), ('third');
INSERT INTO note (body) VALUES ('a'), ('b'), ('c'), ('d');
