-- Views over basetable are dropped and changed; basetable itself and its rows stay.
INSERT INTO basetable (name) VALUES ('alpha'), ('beta'), ('gamma');
