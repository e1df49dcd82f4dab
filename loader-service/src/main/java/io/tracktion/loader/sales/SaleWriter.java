package io.tracktion.loader.sales;

import io.tracktion.loader.sales.WriteResult.Rejection;
import io.tracktion.loader.batch.Transactions;
import io.tracktion.schemas.Sale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes sales to table {@code sale}: one JDBC batch in one transaction, idempotent on sale_id.
 *
 * <p>Plain JDBC rather than a Micronaut Data repository: the insert must be {@code ON CONFLICT DO
 * NOTHING} (a replayed sale is normal, not an error), it must go as one JDBC batch, and when a row is
 * refused the batch is redone row by row behind savepoints to find that row and keep the others. A
 * generated repository method does none of this.
 */
public final class SaleWriter {

    private final DataSource dataSource;

    /** @param dataSource the pool itself, handing out connections outside any managed transaction */
    public SaleWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Writes the sales and commits once. Rows the table refuses come back as {@link Rejection}s;
     * any other failure rolls everything back and is thrown, so the caller retries the whole batch.
     */
    public WriteResult write(List<Sale> sales) throws SQLException {
        if (sales.isEmpty()) {
            return new WriteResult(0, 0, List.of());
        }
        WriteResult[] result = {null};
        Transactions.inTransaction(dataSource, connection -> result[0] = insert(connection, sales));
        return result[0];
    }

    private static WriteResult insert(Connection connection, List<Sale> sales) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(SaleInsert.SQL)) {
            for (Sale sale : sales) {
                SaleInsert.bind(insert, sale);
                insert.addBatch();
            }
            int inserted = 0;
            for (int count : insert.executeBatch()) {
                inserted += count;
            }
            return new WriteResult(inserted, sales.size() - inserted, List.of());
        } catch (SQLException e) {
            if (!RowFaults.isRowFault(e)) {
                throw e;
            }
            // A bad row aborts the whole batch: start again, one row at a time.
            connection.rollback();
            return insertOneByOne(connection, sales);
        }
    }

    private static WriteResult insertOneByOne(Connection connection, List<Sale> sales) throws SQLException {
        int inserted = 0;
        List<Rejection> rejected = new ArrayList<>();
        try (PreparedStatement insert = connection.prepareStatement(SaleInsert.SQL)) {
            for (int i = 0; i < sales.size(); i++) {
                // A failed statement aborts the transaction; rolling back to the savepoint undoes only that row.
                Savepoint beforeRow = connection.setSavepoint();
                try {
                    SaleInsert.bind(insert, sales.get(i));
                    inserted += insert.executeUpdate();
                    connection.releaseSavepoint(beforeRow);
                } catch (SQLException e) {
                    if (!RowFaults.isRowFault(e)) {
                        throw e;
                    }
                    connection.rollback(beforeRow);
                    rejected.add(new Rejection(i, e));
                }
            }
        }
        return new WriteResult(inserted, sales.size() - inserted - rejected.size(), rejected);
    }
}
