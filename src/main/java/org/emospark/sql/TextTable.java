package org.emospark.sql;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;

/** Renders a query result as an aligned text table for the terminal. */
public final class TextTable {
    private static final int MAX_CELL = 60;

    private TextTable() {
    }

    public static String render(QueryResult result) {
        String[] names = result.schema().fieldNames();
        List<String[]> cells = new ArrayList<>();
        for (Row row : result.rows()) {
            String[] line = new String[names.length];
            for (int i = 0; i < names.length; i++) {
                line[i] = cell(row.get(i));
            }
            cells.add(line);
        }
        int[] width = new int[names.length];
        for (int i = 0; i < names.length; i++) {
            width[i] = names[i].length();
            for (String[] line : cells) {
                width[i] = Math.max(width[i], line[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        String rule = rule(width);
        sb.append(rule).append(line(names, width)).append(rule);
        for (String[] l : cells) {
            sb.append(line(l, width));
        }
        sb.append(rule);
        sb.append(String.format("%d row%s%s (%.2f s)%n", result.rows().size(), result.rows().size() == 1 ? "" : "s",
                result.truncated() ? ", more not shown" : "", result.elapsedSeconds()));
        return sb.toString();
    }

    static String cell(Object v) {
        String s;
        if (v == null) {
            s = "NULL";
        } else if (v instanceof byte[] b) {
            s = "<" + b.length + " bytes>";
        } else if (v instanceof Double d) {
            s = Math.abs(d) >= 1e-3 && Math.abs(d) < 1e7 || d == 0 ? String.format("%.4f", d).replaceAll("0+$", "")
                    .replaceAll("\\.$", ".0") : d.toString();
        } else {
            s = v.toString();
        }
        s = s.replace('\n', ' ');
        return s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s;
    }

    private static String rule(int[] width) {
        StringBuilder sb = new StringBuilder("+");
        for (int w : width) {
            sb.append("-".repeat(w + 2)).append('+');
        }
        return sb.append('\n').toString();
    }

    private static String line(String[] values, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < values.length; i++) {
            sb.append(' ').append(String.format("%-" + width[i] + "s", values[i])).append(" |");
        }
        return sb.append('\n').toString();
    }
}
