-- The new site's harvesters have other names: GEMINI single documents, CSW servers and web
-- accessible folders keep their harvester under a new type name, and data.json sources use the DCAT
-- JSON harvester. DKAN sites were registered by their root; the DCAT harvester needs the catalogue
-- itself, so "/data.json" is appended to their URL.

-- ferry:capture sources: SELECT count(*) FROM harvest_source
-- ferry:capture single: SELECT count(*) FROM harvest_source WHERE type = 'gemini-single'
-- ferry:capture csw: SELECT count(*) FROM harvest_source WHERE type = 'gemini-csw'
-- ferry:capture waf: SELECT count(*) FROM harvest_source WHERE type = 'gemini-waf'
-- ferry:capture dcat: SELECT count(*) FROM harvest_source WHERE type IN ('data_json', 'dkan', 'dcat_json')
-- ferry:capture dkan: SELECT count(*) FROM harvest_source WHERE type = 'dkan'
-- ferry:capture json_urls: SELECT count(*) FROM harvest_source WHERE url LIKE '%/data.json'

UPDATE harvest_source SET type = 'single-doc' WHERE type = 'gemini-single';
UPDATE harvest_source SET type = 'csw' WHERE type = 'gemini-csw';
UPDATE harvest_source SET type = 'waf' WHERE type = 'gemini-waf';
UPDATE harvest_source SET type = 'dcat_json' WHERE type = 'data_json';
UPDATE harvest_source SET type = 'dcat_json', url = rtrim(url, '/') || '/data.json' WHERE type = 'dkan';

-- ferry:assert SELECT count(*) = :sources FROM harvest_source
-- ferry:assert SELECT NOT EXISTS (SELECT 1 FROM harvest_source WHERE type IN ('gemini-single', 'gemini-csw', 'gemini-waf', 'data_json', 'dkan'))
-- ferry:assert SELECT count(*) = :single FROM harvest_source WHERE type = 'single-doc'
-- ferry:assert SELECT count(*) = :csw FROM harvest_source WHERE type = 'csw'
-- ferry:assert SELECT count(*) = :waf FROM harvest_source WHERE type = 'waf'
-- ferry:assert SELECT count(*) = :dcat FROM harvest_source WHERE type = 'dcat_json'
-- ferry:assert SELECT count(*) = :json_urls + :dkan FROM harvest_source WHERE url LIKE '%/data.json'
