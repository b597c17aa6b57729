package io.dataspoke.knowledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void splitsSnakeCamelDottedAndDigitBoundaries() {
        assertThat(Names.split("fct_cust_ordr_dly")).containsExactly("fct", "cust", "ordr", "dly");
        assertThat(Names.split("CustOrderDaily")).containsExactly("cust", "order", "daily");
        assertThat(Names.split("dim_CustomerV2.addr"))
                .containsExactly("dim", "customer", "v", "2", "addr");
        assertThat(Names.split("HTTPServerLogs")).containsExactly("http", "server", "logs");
        assertThat(Names.split("ad-logs/2024Q1")).containsExactly("ad", "logs", "2024", "q", "1");
        assertThat(Names.split("__")).isEmpty();
    }

    @Test
    void wordsKeepTheAbbreviationBesideItsExpansion() {
        assertThat(Names.words("fct_cust_ordr")).isEqualTo("fct fact cust customer ordr order");
        assertThat(Names.words("order_id")).isEqualTo("order id");
    }

    @Test
    void spokenReplacesAbbreviations() {
        assertThat(Names.spoken("stg_txn_amt_dly")).isEqualTo("staging transaction amount daily");
        assertThat(Names.spoken("prod_inv")).isEqualTo("prod inv");
    }
}
