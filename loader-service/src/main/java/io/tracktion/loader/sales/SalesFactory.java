package io.tracktion.loader.sales;

import io.micronaut.context.annotation.Factory;
import io.micronaut.jdbc.DataSourceResolver;
import io.tracktion.schemas.SingleObjectSerde;
import io.tracktion.schemas.Sale;
import jakarta.inject.Singleton;
import javax.sql.DataSource;

@Factory
class SalesFactory {

    @Singleton
    SaleWriter saleWriter(DataSource dataSource, DataSourceResolver resolver) {
        // Micronaut Data wraps the pool in a proxy that hands out connections only inside its own
        // transactions; the writer runs its own transaction, so it takes the pool underneath.
        return new SaleWriter(resolver.resolve(dataSource));
    }

    @Singleton
    SingleObjectSerde<Sale> saleSerde() {
        return SingleObjectSerde.sale();
    }
}
