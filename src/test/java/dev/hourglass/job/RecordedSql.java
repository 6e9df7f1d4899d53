package dev.hourglass.job;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hibernate.resource.jdbc.spi.StatementInspector;

/** Every SQL statement Hibernate sends, lower-cased, for tests that count what a code path writes and reads. */
public class RecordedSql implements StatementInspector {

    static final List<String> STATEMENTS = new CopyOnWriteArrayList<>();

    @Override
    public String inspect(String sql) {
        STATEMENTS.add(sql.toLowerCase(Locale.ROOT));
        return sql;
    }

    /** Statements that start with {@code verb} and name {@code table}. */
    static List<String> matching(String verb, String table) {
        return STATEMENTS.stream().filter(s -> s.startsWith(verb) && s.contains(table)).toList();
    }
}
