package io.ferry.ckan.generate;

import java.util.Locale;

/**
 * The vocabulary generated text is made of: UK-flavoured places, publisher kinds, dataset subjects,
 * formats, and data.gov.uk's own extras values (theme labels, update frequencies, organogram schemas).
 */
final class Words {
    private Words() {
    }

    /** data.gov.uk's twelve theme labels as its dataset form stored them in the theme-primary extra. */
    static final String[] THEMES = {
        "Business & Economy", "Crime & Justice", "Defence", "Education", "Environment", "Government",
        "Government Spending", "Health", "Mapping", "Society", "Towns & Cities", "Transport"
    };

    /** Organogram schema ids: departmental and local-authority staff organograms. */
    static final String ORGANOGRAM_DEPARTMENTAL = "d3c0b23f-6979-45e4-88ed-d2ab59b005d0";
    static final String ORGANOGRAM_LOCAL_AUTHORITY = "538b857a-64ba-490e-8440-0e32094a28a7";

    static final String[] DEPARTMENTS = {
        "Cabinet Office", "Department for Transport", "Department for Education", "Department of Health",
        "Home Office", "Ministry of Justice", "Ministry of Defence", "HM Treasury", "HM Revenue and Customs",
        "Department for Work and Pensions", "Department for Communities and Local Government",
        "Department for Environment, Food and Rural Affairs", "Department of Energy and Climate Change",
        "Department for Business, Innovation and Skills", "Foreign and Commonwealth Office",
        "Department for Culture, Media and Sport", "Department for International Development",
        "Office for National Statistics", "Environment Agency", "Ordnance Survey", "Met Office",
        "Natural England", "Highways England", "Land Registry", "Companies House", "Forestry Commission",
        "Food Standards Agency", "Health and Social Care Information Centre", "Public Health England",
        "Driver and Vehicle Licensing Agency"
    };

    private static final String[] PLACE_PREFIX = {"", "North ", "South ", "East ", "West ", "Greater "};
    private static final String[] TOWNS = {
        "Ashford", "Barford", "Bramley", "Carlton", "Clifton", "Denton", "Eastwood", "Fairfield", "Glenmore",
        "Hadley", "Harrow Vale", "Kingsbridge", "Langley", "Marston", "Milford", "Newbury Heath", "Norton",
        "Oakham", "Preston Hill", "Redbourne", "Rushden", "Saltash", "Stanton", "Thornbury", "Upton",
        "Walden", "Westbury", "Whitby Moor", "Winslow", "Yardley"
    };
    private static final String[] PUBLISHER_KINDS = {
        "%s Borough Council", "%s District Council", "%s County Council", "%s City Council",
        "NHS %s Clinical Commissioning Group", "%s Police", "%s Fire and Rescue Service",
        "%s Hospitals NHS Trust", "%s Primary Care Trust", "%s Metropolitan Borough Council"
    };
    static final String[] CATEGORIES = {
        "ministerial-department", "non-ministerial-department", "executive-ndpb", "local-council",
        "nhs-body", "police", "fire-authority", "public-corporation"
    };

    private static final String[] SUBJECTS = {
        "Spend over £25,000", "Road traffic counts", "Air quality monitoring", "Planning applications",
        "Public toilets", "Car park locations", "Bus stop locations", "Hospital admissions", "School census",
        "Crime statistics", "Land use", "Flood risk areas", "Bathing water quality", "Business rates",
        "Council tax bands", "Recycling rates", "Senior salaries", "Staff organisation chart",
        "Contracts register", "Freedom of Information requests", "Grants awarded", "Population estimates",
        "Housing completions", "Street lighting", "Allotments", "Library loans", "Tree preservation orders",
        "Noise complaints", "Energy consumption", "Payments to suppliers", "Waiting times", "Road accidents",
        "Rail passenger numbers", "Water abstraction licences", "Woodland cover", "Fly-tipping incidents",
        "Parking fines", "Electoral wards", "Polling stations", "Gender pay gap"
    };
    private static final String[] PERIODS = {
        "2009", "2010", "2011", "2012", "2013", "2014", "2015", "2016", "2010-11", "2012-13", "2014-15",
        "2015-16", "Q1 2014", "Q3 2015", "monthly", "annual", ""
    };
    static final String[] FORMATS = {"CSV", "CSV", "CSV", "XLS", "PDF", "HTML", "WMS", "ZIP", "JSON", "XML", "", "RDF"};
    static final String[] MIMETYPES = {"text/csv", "text/csv", "text/csv", "application/vnd.ms-excel",
        "application/pdf", "text/html", "application/xml", "application/zip", "application/json", "application/xml",
        null, "application/rdf+xml"};
    static final String[] FREQUENCIES = {"annual", "monthly", "quarterly", "never", "daily", "weekly", "discontinued", "other"};
    static final String[] LICENCES = {"uk-ogl", "uk-ogl", "uk-ogl", "uk-ogl", "other-closed", "cc-by", "odc-odbl", "notspecified"};
    static final String[] COVERAGE = {
        "111100: United Kingdom (England, Scotland, Wales, Northern Ireland)", "100000: England",
        "010000: Scotland", "001000: Wales", "000100: Northern Ireland", "101000: Great Britain (England, Wales)"
    };
    static final String[] FIRST = {
        "alice", "bob", "carol", "david", "emma", "frank", "grace", "harry", "isla", "jack", "karen", "liam",
        "mia", "noah", "olivia", "peter", "quinn", "ruth", "sam", "tom", "uma", "victor", "wendy", "yusuf"
    };
    static final String[] LAST = {
        "smith", "jones", "taylor", "brown", "williams", "wilson", "johnson", "davies", "patel", "wright",
        "evans", "thomas", "roberts", "walker", "khan", "hughes", "green", "hall", "wood", "clarke"
    };
    static final String[] TAG_WORDS = {
        "transport", "spending", "health", "crime", "education", "environment", "planning", "housing",
        "population", "energy", "water", "roads", "finance", "salaries", "organogram", "statistics",
        "boundaries", "schools", "air-quality", "waste", "parking", "libraries", "flooding", "inspire",
        "geography", "census", "employment", "tourism", "licensing", "elections"
    };

    /** The titles of the publishers a catalog can have, made once: datasets ask for them over and over. */
    private static final String[] PUBLISHER_TITLES = java.util.stream.IntStream.range(0, Catalog.MAX_PUBLISHERS)
            .mapToObj(Words::makePublisherTitle).toArray(String[]::new);

    /** Publisher {@code p}'s title: departments first, then local bodies; distinct for every p. */
    static String publisherTitle(int p) {
        return p < PUBLISHER_TITLES.length ? PUBLISHER_TITLES[p] : makePublisherTitle(p);
    }

    private static String makePublisherTitle(int p) {
        if (p < DEPARTMENTS.length) {
            return DEPARTMENTS[p];
        }
        int k = p - DEPARTMENTS.length;
        int places = PLACE_PREFIX.length * TOWNS.length;
        String place = PLACE_PREFIX[k % PLACE_PREFIX.length] + TOWNS[(k / PLACE_PREFIX.length) % TOWNS.length];
        String title = String.format(Locale.ROOT, PUBLISHER_KINDS[(k / places) % PUBLISHER_KINDS.length], place);
        int round = k / (places * PUBLISHER_KINDS.length);
        return round == 0 ? title : title + " " + (round + 1);
    }

    static String datasetTitle(Rng rng, String publisherTitle) {
        String subject = rng.pick(SUBJECTS);
        String period = rng.pick(PERIODS);
        String where = rng.chance(0.5) ? " - " + publisherTitle : "";
        return subject + where + (period.isEmpty() ? "" : " " + period);
    }

    /** CKAN-style URL name: lower case, runs of anything else as one hyphen, at most {@code max} characters. */
    static String slug(String text, int max) {
        StringBuilder b = new StringBuilder(text.length());
        boolean hyphen = false;
        for (int i = 0; i < text.length() && b.length() < max; i++) {
            char c = Character.toLowerCase(text.charAt(i));
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                b.append(c);
                hyphen = false;
            } else if (!hyphen && b.length() > 0) {
                b.append('-');
                hyphen = true;
            }
        }
        while (b.length() > 0 && b.charAt(b.length() - 1) == '-') {
            b.setLength(b.length() - 1);
        }
        return b.toString();
    }

    /** A JSON string literal. */
    static String json(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case '\r' -> b.append("\\r");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
