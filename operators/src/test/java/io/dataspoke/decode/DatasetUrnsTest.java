package io.dataspoke.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DatasetUrnsTest {

    @ParameterizedTest(name = "{0} + {1} -> {2}, {3}")
    @CsvSource(
            delimiter = '|',
            value = {
                "postgres://db.internal:5432 | shop.public.orders | postgres | shop.public.orders",
                "postgresql://db.internal:5432 | shop.public.orders | postgres |"
                        + " shop.public.orders",
                "mysql://mysql.internal:3306 | shop.orders | mysql | shop.orders",
                "snowflake://acme-xy12345 | ANALYTICS.PUBLIC.ORDERS | snowflake |"
                        + " analytics.public.orders",
                "hive://metastore:9083 | analytics.orders | hive | analytics.orders",
                "kafka://broker-1:9092 | orders.v1 | kafka | orders.v1",
                "s3://acme-lake | warehouse/orders/ | s3 | acme-lake/warehouse/orders",
                "s3a://acme-lake | /warehouse/orders | s3 | acme-lake/warehouse/orders",
                "gs://acme-gcs | raw/events | gcs | acme-gcs/raw/events",
                "abfss://raw@acme.dfs.core.windows.net | events/2026 | abs | raw/events/2026",
                "hdfs://namenode:8020 | /data/events | hdfs | data/events",
                "bigquery | acme-prod.sales.orders | bigquery | acme-prod.sales.orders",
                "redshift://dw.abc123.eu-west-1:5439 | dev.public.orders | redshift |"
                        + " dev.public.orders",
                "trino://trino.internal:8080 | hive.analytics.orders | trino |"
                        + " hive.analytics.orders",
                "sqlserver://mssql.internal:1433 | erp.dbo.invoices | mssql | erp.dbo.invoices",
                "awsathena://athena.eu-west-1.amazonaws.com | awsdatacatalog.db.t | athena |"
                        + " awsdatacatalog.db.t",
            })
    void mapsOpenLineageNamespacesToDataHubPlatforms(
            String namespace, String name, String platform, String datasetName) {
        assertThat(DatasetUrns.fromOpenLineage(namespace, name))
                .isEqualTo(
                        "urn:li:dataset:(urn:li:dataPlatform:"
                                + platform
                                + ","
                                + datasetName
                                + ",PROD)");
    }

    @Test
    void buildsUrnsFromPlatformNameAndEnv() {
        assertThat(DatasetUrns.dataset("hive", "analytics.orders", "dev"))
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,DEV)");
        assertThat(DatasetUrns.dataset("urn:li:dataPlatform:hive", "analytics.orders", null))
                .isEqualTo("urn:li:dataset:(urn:li:dataPlatform:hive,analytics.orders,PROD)");
        assertThat(DatasetUrns.isDatasetUrn("urn:li:dataset:(urn:li:dataPlatform:hive,a,PROD)"))
                .isTrue();
        assertThat(DatasetUrns.isDatasetUrn("analytics.orders")).isFalse();
        assertThatThrownBy(() -> DatasetUrns.dataset("hive", " ", "PROD"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("name");
    }
}
