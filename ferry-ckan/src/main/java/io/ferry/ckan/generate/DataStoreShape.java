package io.ferry.ckan.generate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kinds of table a DataStore holds, with typed columns as DataPusher guesses them (text, numeric,
 * timestamp) or as an API client declares them (int, float, date, bool), and XLoader's all-text
 * tables. Values are drawn from the table's own random stream, row after row.
 */
enum DataStoreShape {
    /** data.gov.uk's best-known file: spend over £25,000, one row per payment. */
    SPEND(column("Department family", "text", Value.DEPARTMENT), column("Entity", "text", Value.TOWN),
            column("Date", "timestamp", Value.TIMESTAMP), column("Expense type", "text", Value.EXPENSE),
            column("Expense area", "text", Value.AREA), column("Supplier", "text", Value.SUPPLIER),
            column("Transaction number", "numeric", Value.COUNT), column("Amount", "numeric", Value.MONEY)),
    /** A staff organogram's senior posts. */
    ORGANOGRAM(column("Post Unique Reference", "text", Value.CODE), column("Name", "text", Value.PERSON),
            column("Grade (or equivalent)", "text", Value.GRADE), column("Job Title", "text", Value.EXPENSE),
            column("Parent Department", "text", Value.DEPARTMENT), column("Unit", "text", Value.AREA),
            column("Contact E-mail", "text", Value.EMAIL), column("Reports to Senior Post", "text", Value.CODE),
            column("Salary Cost of Reports (£)", "numeric", Value.MONEY), column("FTE", "numeric", Value.FRACTION),
            column("Actual Pay Floor (£)", "numeric", Value.MONEY), column("Actual Pay Ceiling (£)", "numeric", Value.MONEY)),
    /** Sensor readings: air quality at monitoring sites. */
    READINGS(column("Site", "text", Value.TOWN), column("Measured at", "timestamp", Value.TIMESTAMP),
            column("Day", "date", Value.DATE), column("NO2 (µg/m³)", "float8", Value.FRACTION),
            column("PM10 (µg/m³)", "float8", Value.FRACTION), column("Latitude", "numeric", Value.LATITUDE),
            column("Longitude", "numeric", Value.LONGITUDE), column("Provisional", "bool", Value.FLAG)),
    /** A register loaded by XLoader: every column text, whatever it holds. */
    REGISTER(column("Reference", "text", Value.CODE), column("Name", "text", Value.SUPPLIER),
            column("Address", "text", Value.TOWN), column("Category", "text", Value.EXPENSE),
            column("Date opened", "text", Value.DATE), column("Value", "text", Value.MONEY),
            column("Notes", "text", Value.AREA)),
    /** Official statistics by area and year. */
    STATISTICS(column("Area code", "text", Value.CODE), column("Area name", "text", Value.TOWN),
            column("Year", "int4", Value.YEAR), column("Count", "int8", Value.COUNT),
            column("Rate per 1,000", "numeric", Value.FRACTION)),
    /** A spreadsheet with hundreds of columns (one per indicator); its columns are made per table. */
    WIDE();

    /** One column: its name, its DataStore type, and what its values look like. */
    record Column(String name, String type, Value value) {
    }

    private final List<Column> columns;

    DataStoreShape(Column... columns) {
        this.columns = List.of(columns);
    }

    private static Column column(String name, String type, Value value) {
        return new Column(name, type, value);
    }

    /** The user columns of a table of this shape ({@code indicators} numeric ones for {@link #WIDE}). */
    List<Column> columns(int indicators) {
        if (this != WIDE) {
            return columns;
        }
        List<Column> wide = new ArrayList<>(indicators + 2);
        wide.add(column("Area code", "text", Value.CODE));
        wide.add(column("Area name", "text", Value.TOWN));
        for (int i = 1; i <= indicators; i++) {
            wide.add(column(String.format(Locale.ROOT, "Indicator %03d", i), "numeric", Value.FRACTION));
        }
        return wide;
    }

    /** The kinds of value, each written in PostgreSQL's text form (which a text column takes as it is). */
    enum Value {
        DEPARTMENT, TOWN, EXPENSE, AREA, SUPPLIER, PERSON, GRADE, EMAIL, CODE, COUNT, MONEY, FRACTION, YEAR,
        DATE, TIMESTAMP, LATITUDE, LONGITUDE, FLAG;

        private static final String[] EXPENSES = {"Consultancy", "IT services", "Office supplies", "Grants",
            "Rent and rates", "Travel", "Training", "Legal fees", "Utilities", "Facilities management"};
        private static final String[] AREAS = {"Finance", "Operations", "Corporate services", "Estates",
            "Strategy", "Digital", "Communications", "Human resources"};
        private static final String[] SUPPLIERS = {"Acme", "Northgate", "Crown", "Albion", "Meridian", "Sterling",
            "Pennine", "Harbour", "Oakwood", "Summit"};
        private static final String[] COMPANY = {"Ltd", "plc", "LLP", "Services Ltd", "Group"};
        private static final String[] GRADES = {"SCS1", "SCS2", "SCS3", "SCS1A", "Grade 6", "Grade 7"};
        private static final String[] TOWNS = {"Ashford", "Barford", "Bramley", "Carlton", "Clifton", "Denton",
            "Eastwood", "Fairfield", "Hadley", "Kingsbridge", "Langley", "Marston", "Norton", "Oakham", "Upton"};

        void write(Rng rng, long row, CopyStream out) {
            switch (this) {
                case DEPARTMENT -> out.text(rng.pick(Words.DEPARTMENTS));
                case TOWN -> out.text(rng.pick(TOWNS));
                case EXPENSE -> out.text(rng.pick(EXPENSES));
                case AREA -> out.text(rng.pick(AREAS));
                case SUPPLIER -> out.text(rng.pick(SUPPLIERS) + " " + rng.pick(TOWNS) + " " + rng.pick(COMPANY));
                case PERSON -> out.text(rng.pick(Words.FIRST) + " " + rng.pick(Words.LAST));
                case GRADE -> out.text(rng.pick(GRADES));
                case EMAIL -> out.text(rng.pick(Words.FIRST).toLowerCase(Locale.ROOT) + "."
                        + rng.pick(Words.LAST).toLowerCase(Locale.ROOT) + "@example.gov.uk");
                case CODE -> out.text("E" + (10_000_000 + rng.nextInt(90_000_000)));
                case COUNT -> out.number(row * 7 + rng.nextInt(7));
                case MONEY -> out.text((25_000 + rng.nextInt(2_000_000)) + "." + (10 + rng.nextInt(90)));
                case FRACTION -> out.text(rng.nextInt(1000) + "." + rng.nextInt(10));
                case YEAR -> out.number(2001 + rng.nextInt(16));
                case DATE -> out.text(java.time.LocalDate.ofEpochDay(14_610 + rng.nextInt(2_557)).toString());
                case TIMESTAMP -> out.time(Catalog.START + rng.nextInt((int) (Catalog.END - Catalog.START)));
                case LATITUDE -> out.text("5" + rng.nextInt(5) + "." + (100_000 + rng.nextInt(900_000)));
                case LONGITUDE -> out.text("-" + rng.nextInt(4) + "." + (100_000 + rng.nextInt(900_000)));
                case FLAG -> out.bool(rng.chance(0.1));
                default -> throw new IllegalStateException(name());
            }
        }
    }
}
