package dev.hourglass.system;

import java.util.List;
import java.util.function.Function;
import java.util.function.LongSupplier;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;

/**
 * One page of a list. A page past the end is empty however far past it is, as a rows {@code offset} past the end
 * is: the query is not run when {@code page × size} is beyond any offset a database takes (Hibernate's first
 * result is an {@code int}; {@code ?page=30000000&size=100} was a 500).
 */
public final class Paging {

    /** The furthest row a query is asked to reach; no table here holds this many rows. */
    static final long MAX_END = Integer.MAX_VALUE;

    private Paging() {
    }

    /** {@code query} for this page, or an empty page with {@code count}'s total when it starts beyond any row. */
    public static <T> Page<T> page(Pageable pageable, Function<Pageable, Page<T>> query, LongSupplier count) {
        // page and size are ints and the offset a long, so this sum cannot wrap
        if (pageable.getOffset() + pageable.getPageSize() > MAX_END) {
            return new PageImpl<>(List.of(), pageable, count.getAsLong());
        }
        return query.apply(pageable);
    }
}
