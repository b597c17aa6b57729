package io.dataspoke.demo;

import java.util.ArrayList;
import java.util.List;

/**
 * The words the demo organisation is made of: teams, the business entities each team owns, and the
 * column archetypes of each kind of entity. Plain data, in a fixed order, so generation only ever
 * picks from lists by index.
 */
final class Vocabulary {

    private Vocabulary() {}

    /** Logical column types, mapped to DataHub types and to each platform's native type. */
    enum Type {
        STRING("StringType", "VARCHAR", "string", "varchar", "string", "BINARY (UTF8)"),
        LONG("NumberType", "NUMBER(38,0)", "bigint", "int8", "long", "INT64"),
        DECIMAL(
                "NumberType",
                "NUMBER(18,2)",
                "decimal(18,2)",
                "numeric(18,2)",
                "double",
                "DECIMAL(18,2)"),
        DOUBLE("NumberType", "FLOAT", "double", "float8", "double", "DOUBLE"),
        BOOLEAN("BooleanType", "BOOLEAN", "boolean", "bool", "boolean", "BOOLEAN"),
        TIMESTAMP(
                "TimeType",
                "TIMESTAMP_NTZ",
                "timestamp",
                "timestamptz",
                "long",
                "TIMESTAMP_MILLIS"),
        DATE("DateType", "DATE", "date", "date", "int", "DATE");

        final String dataHubType;
        private final String snowflake;
        private final String hive;
        private final String postgres;
        private final String kafka;
        private final String s3;

        Type(
                String dataHubType,
                String snowflake,
                String hive,
                String postgres,
                String kafka,
                String s3) {
            this.dataHubType = "com.linkedin.schema." + dataHubType;
            this.snowflake = snowflake;
            this.hive = hive;
            this.postgres = postgres;
            this.kafka = kafka;
            this.s3 = s3;
        }

        String nativeType(String platform) {
            return switch (platform) {
                case "snowflake" -> snowflake;
                case "hive" -> hive;
                case "postgres" -> postgres;
                case "kafka" -> kafka;
                case "s3" -> s3;
                default -> throw new IllegalArgumentException("unknown platform " + platform);
            };
        }
    }

    /** Kinds of personal data; the glossary term a PII column is classified with. */
    enum Pii {
        NONE(null),
        EMAIL("PersonalInformation.Email"),
        PHONE("PersonalInformation.PhoneNumber"),
        NAME("PersonalInformation.Name"),
        SSN("PersonalInformation.SocialSecurityNumber"),
        NATIONAL_ID("PersonalInformation.NationalId"),
        BIRTH_DATE("PersonalInformation.BirthDate"),
        ADDRESS("PersonalInformation.Address"),
        IP_ADDRESS("PersonalInformation.IpAddress"),
        CARD_NUMBER("PersonalInformation.CardNumber");

        final String term;

        Pii(String term) {
            this.term = term == null ? null : "urn:li:glossaryTerm:" + term;
        }
    }

    /** A column archetype; {@code %s} in a description is replaced by the entity's label. */
    record ColumnSpec(String name, Type type, String description, Pii pii, boolean nullable) {
        static ColumnSpec of(String name, Type type, String description) {
            return new ColumnSpec(name, type, description, Pii.NONE, false);
        }

        static ColumnSpec nullable(String name, Type type, String description) {
            return new ColumnSpec(name, type, description, Pii.NONE, true);
        }

        static ColumnSpec pii(
                String name, Type type, Pii pii, boolean nullable, String description) {
            return new ColumnSpec(name, type, description, pii, nullable);
        }
    }

    /** The shape of an entity's data, which decides its columns and measures. */
    enum Kind {
        EVENT(false, "Platform.Event"),
        PERSON(true, "Customer.Profile"),
        EMPLOYEE(true, "HumanResources.Employee"),
        ORDER(false, "Commerce.Order"),
        TRANSACTION(false, "Payments.Transaction"),
        SHIPMENT(false, "Logistics.Shipment"),
        INVENTORY(false, "Logistics.Inventory"),
        PRODUCT(true, "Commerce.Product"),
        CAMPAIGN(true, "Marketing.Campaign"),
        LEDGER(false, "Finance.LedgerEntry"),
        LOG(false, "Platform.OperationalLog"),
        KR_MEMBER(true, "Customer.Profile"),
        KR_ORDER(false, "Commerce.Order");

        /** Entities of this kind become dimensions (dim_*) rather than facts in the marts. */
        final boolean dimension;

        final String term;

        Kind(boolean dimension, String term) {
            this.dimension = dimension;
            this.term = "urn:li:glossaryTerm:" + term;
        }
    }

    /**
     * A business entity.
     *
     * @param key plural snake_case, the base of every dataset name built on it
     * @param singular used for ids ({@code <singular>_id}) and descriptions
     * @param abbrev the warehouse abbreviation used in cryptic names ({@code fct_ord_dly})
     * @param label a human phrase for descriptions
     * @param korean the Korean label, for the Korean team's bilingual descriptions
     */
    record Entity(
            String key, String singular, String abbrev, String label, Kind kind, String korean) {
        String idColumn() {
            return singular + "_id";
        }
    }

    /** A team of the organisation and what it owns. */
    record TeamSpec(
            String name,
            String displayName,
            String timezone,
            int utcOffsetHours,
            double weight,
            double weekendLow,
            double weekendHigh,
            List<String> people,
            List<Entity> entities) {}

    static Entity e(String key, String singular, String abbrev, String label, Kind kind) {
        return new Entity(key, singular, abbrev, label, kind, null);
    }

    static Entity kr(
            String key, String singular, String abbrev, String label, Kind kind, String korean) {
        return new Entity(key, singular, abbrev, label, kind, korean);
    }

    static final List<TeamSpec> TEAMS =
            List.of(
                    new TeamSpec(
                            "growth",
                            "Growth",
                            "UTC",
                            0,
                            1.1,
                            0.72,
                            0.82,
                            List.of("alice.kim", "ben.okafor", "chloe.martin"),
                            List.of(
                                    e(
                                            "page_views",
                                            "page_view",
                                            "pv",
                                            "web and app page views",
                                            Kind.EVENT),
                                    e("sessions", "session", "sess", "user sessions", Kind.EVENT),
                                    e(
                                            "signups",
                                            "signup",
                                            "sgnup",
                                            "account sign-ups",
                                            Kind.PERSON),
                                    e(
                                            "app_installs",
                                            "install",
                                            "inst",
                                            "mobile app installs",
                                            Kind.EVENT),
                                    e(
                                            "referrals",
                                            "referral",
                                            "refrl",
                                            "referral invitations",
                                            Kind.EVENT),
                                    e(
                                            "experiment_assignments",
                                            "assignment",
                                            "exp_asgn",
                                            "A/B experiment assignments",
                                            Kind.EVENT),
                                    e(
                                            "push_notifications",
                                            "push",
                                            "push",
                                            "push notifications sent",
                                            Kind.EVENT),
                                    e(
                                            "search_queries",
                                            "search",
                                            "srch",
                                            "on-site search queries",
                                            Kind.EVENT),
                                    e("users", "user", "usr", "registered users", Kind.PERSON))),
                    new TeamSpec(
                            "commerce",
                            "Commerce",
                            "UTC",
                            0,
                            1.2,
                            0.7,
                            0.8,
                            List.of("daniel.ortiz", "emma.schmidt", "farid.haddad"),
                            List.of(
                                    e("orders", "order", "ord", "customer orders", Kind.ORDER),
                                    e(
                                            "order_items",
                                            "order_item",
                                            "ord_itm",
                                            "order line items",
                                            Kind.ORDER),
                                    e("customers", "customer", "cust", "customers", Kind.PERSON),
                                    e("carts", "cart", "crt", "shopping cart events", Kind.EVENT),
                                    e(
                                            "products",
                                            "product",
                                            "prod",
                                            "product catalog entries",
                                            Kind.PRODUCT),
                                    e(
                                            "product_reviews",
                                            "review",
                                            "rvw",
                                            "product reviews",
                                            Kind.EVENT),
                                    e(
                                            "stores",
                                            "store",
                                            "str",
                                            "stores and storefronts",
                                            Kind.PRODUCT),
                                    e(
                                            "wishlists",
                                            "wishlist_item",
                                            "wshlst",
                                            "wishlist items",
                                            Kind.EVENT),
                                    e(
                                            "promotions",
                                            "promotion",
                                            "promo",
                                            "price promotions",
                                            Kind.CAMPAIGN))),
                    new TeamSpec(
                            "payments",
                            "Payments",
                            "UTC",
                            0,
                            1.1,
                            0.66,
                            0.76,
                            List.of("grace.lee", "hiro.tanaka", "isabel.costa"),
                            List.of(
                                    e(
                                            "transactions",
                                            "transaction",
                                            "txn",
                                            "payment transactions",
                                            Kind.TRANSACTION),
                                    e(
                                            "card_authorizations",
                                            "authorization",
                                            "auth",
                                            "card authorization requests",
                                            Kind.TRANSACTION),
                                    e("refunds", "refund", "rfnd", "refunds", Kind.TRANSACTION),
                                    e(
                                            "chargebacks",
                                            "chargeback",
                                            "cb",
                                            "chargebacks",
                                            Kind.TRANSACTION),
                                    e(
                                            "payouts",
                                            "payout",
                                            "pyout",
                                            "merchant payouts",
                                            Kind.TRANSACTION),
                                    e(
                                            "settlements",
                                            "settlement",
                                            "sttl",
                                            "card scheme settlements",
                                            Kind.LEDGER),
                                    e(
                                            "disputes",
                                            "dispute",
                                            "dsp",
                                            "payment disputes",
                                            Kind.TRANSACTION),
                                    e(
                                            "fraud_scores",
                                            "fraud_score",
                                            "frd_scr",
                                            "fraud model scores",
                                            Kind.EVENT))),
                    new TeamSpec(
                            "logistics",
                            "Logistics",
                            "UTC",
                            0,
                            1.0,
                            0.6,
                            0.72,
                            List.of("jonas.berg", "keiko.sato", "liam.walsh"),
                            List.of(
                                    e(
                                            "shipments",
                                            "shipment",
                                            "shpmt",
                                            "outbound shipments",
                                            Kind.SHIPMENT),
                                    e(
                                            "deliveries",
                                            "delivery",
                                            "dlvr",
                                            "last-mile delivery attempts",
                                            Kind.SHIPMENT),
                                    e("parcels", "parcel", "prcl", "parcels", Kind.SHIPMENT),
                                    e(
                                            "returns",
                                            "return",
                                            "rtn",
                                            "customer returns",
                                            Kind.SHIPMENT),
                                    e(
                                            "inventory_snapshots",
                                            "snapshot",
                                            "inv",
                                            "inventory snapshots",
                                            Kind.INVENTORY),
                                    e(
                                            "stock_movements",
                                            "movement",
                                            "stk_mvmt",
                                            "stock movements between locations",
                                            Kind.INVENTORY),
                                    e(
                                            "warehouses",
                                            "warehouse",
                                            "whse",
                                            "warehouses",
                                            Kind.PRODUCT),
                                    e("carriers", "carrier", "carr", "carriers", Kind.PRODUCT),
                                    e("couriers", "courier", "crr", "couriers", Kind.PERSON))),
                    new TeamSpec(
                            "marketing",
                            "Marketing",
                            "UTC",
                            0,
                            1.0,
                            0.68,
                            0.8,
                            List.of("maria.garcia", "noah.fischer", "olivia.brown"),
                            List.of(
                                    e(
                                            "campaigns",
                                            "campaign",
                                            "cmpgn",
                                            "marketing campaigns",
                                            Kind.CAMPAIGN),
                                    e(
                                            "ad_spend",
                                            "spend",
                                            "adspnd",
                                            "paid media ad spend",
                                            Kind.CAMPAIGN),
                                    e(
                                            "ad_impressions",
                                            "impression",
                                            "imp",
                                            "ad impressions",
                                            Kind.EVENT),
                                    e("ad_clicks", "click", "clk", "ad clicks", Kind.EVENT),
                                    e(
                                            "email_sends",
                                            "email_send",
                                            "eml_snd",
                                            "marketing e-mails sent",
                                            Kind.EVENT),
                                    e("leads", "lead", "ld", "sales leads", Kind.PERSON),
                                    e("coupons", "coupon", "cpn", "coupons", Kind.CAMPAIGN),
                                    e(
                                            "audiences",
                                            "audience",
                                            "aud",
                                            "audience segments",
                                            Kind.CAMPAIGN),
                                    e(
                                            "attribution_touches",
                                            "touch",
                                            "attr",
                                            "attribution touchpoints",
                                            Kind.EVENT))),
                    new TeamSpec(
                            "finance",
                            "Finance",
                            "UTC",
                            0,
                            0.9,
                            0.5,
                            0.62,
                            List.of("paul.nguyen", "quinn.adams", "rosa.silva"),
                            List.of(
                                    e(
                                            "ledger_entries",
                                            "entry",
                                            "gl",
                                            "general ledger entries",
                                            Kind.LEDGER),
                                    e(
                                            "revenue_recognition",
                                            "recognition",
                                            "rev_rec",
                                            "recognized revenue",
                                            Kind.LEDGER),
                                    e(
                                            "operating_costs",
                                            "cost",
                                            "opex",
                                            "operating costs",
                                            Kind.LEDGER),
                                    e(
                                            "budgets",
                                            "budget",
                                            "bdgt",
                                            "budgets by cost center",
                                            Kind.LEDGER),
                                    e(
                                            "vendor_invoices",
                                            "invoice",
                                            "vnd_invc",
                                            "vendor invoices",
                                            Kind.LEDGER),
                                    e("tax_filings", "filing", "tax", "tax filings", Kind.LEDGER),
                                    e(
                                            "fx_rates",
                                            "rate",
                                            "fx",
                                            "foreign exchange rates",
                                            Kind.LEDGER),
                                    e(
                                            "payroll",
                                            "payslip",
                                            "pyrl",
                                            "payroll payslips",
                                            Kind.EMPLOYEE),
                                    e("employees", "employee", "emp", "employees", Kind.EMPLOYEE))),
                    new TeamSpec(
                            "platform",
                            "Platform",
                            "UTC",
                            0,
                            0.8,
                            0.55,
                            0.68,
                            List.of("sam.patel", "tara.jensen", "umar.rahman"),
                            List.of(
                                    e(
                                            "api_requests",
                                            "request",
                                            "api_req",
                                            "API gateway requests",
                                            Kind.LOG),
                                    e(
                                            "audit_logs",
                                            "audit_event",
                                            "audit",
                                            "audit log events",
                                            Kind.LOG),
                                    e("service_errors", "error", "err", "service errors", Kind.LOG),
                                    e(
                                            "deployments",
                                            "deployment",
                                            "dply",
                                            "service deployments",
                                            Kind.LOG),
                                    e(
                                            "auth_events",
                                            "auth_event",
                                            "authn",
                                            "login and authentication events",
                                            Kind.LOG),
                                    e(
                                            "user_accounts",
                                            "account",
                                            "acct",
                                            "platform user accounts",
                                            Kind.PERSON),
                                    e(
                                            "feature_flag_evaluations",
                                            "evaluation",
                                            "ff_eval",
                                            "feature flag evaluations",
                                            Kind.LOG),
                                    e(
                                            "billing_usage",
                                            "usage",
                                            "bill_usg",
                                            "metered billing usage",
                                            Kind.LEDGER))),
                    new TeamSpec(
                            "commerce_kr",
                            "Commerce Korea",
                            "Asia/Seoul",
                            9,
                            1.0,
                            0.78,
                            0.88,
                            List.of("jiwoo.park", "minseo.choi", "seojun.kang"),
                            List.of(
                                    kr(
                                            "kr_members",
                                            "member",
                                            "kr_mbr",
                                            "Korean marketplace members",
                                            Kind.KR_MEMBER,
                                            "회원"),
                                    kr(
                                            "kr_orders",
                                            "order",
                                            "kr_ord",
                                            "Korean marketplace orders",
                                            Kind.KR_ORDER,
                                            "주문"),
                                    kr(
                                            "kr_payments",
                                            "payment",
                                            "kr_pmt",
                                            "Korean marketplace payments",
                                            Kind.TRANSACTION,
                                            "결제"),
                                    kr(
                                            "kr_deliveries",
                                            "delivery",
                                            "kr_dlvr",
                                            "Korean marketplace deliveries",
                                            Kind.SHIPMENT,
                                            "배송"),
                                    kr(
                                            "kr_reviews",
                                            "review",
                                            "kr_rvw",
                                            "Korean marketplace product reviews",
                                            Kind.EVENT,
                                            "상품 리뷰"),
                                    kr(
                                            "kr_coupons",
                                            "coupon",
                                            "kr_cpn",
                                            "Korean marketplace coupons",
                                            Kind.CAMPAIGN,
                                            "쿠폰"),
                                    kr(
                                            "kr_points",
                                            "point_txn",
                                            "kr_pnt",
                                            "Korean loyalty point transactions",
                                            Kind.LEDGER,
                                            "포인트 적립과 사용"),
                                    kr(
                                            "kr_sellers",
                                            "seller",
                                            "kr_slr",
                                            "Korean marketplace sellers",
                                            Kind.KR_MEMBER,
                                            "판매자"),
                                    kr(
                                            "kr_app_events",
                                            "app_event",
                                            "kr_evt",
                                            "Korean marketplace app events",
                                            Kind.EVENT,
                                            "앱 이벤트"))));

    /** Analysts who query the warehouse (query logs); owners query too. */
    static final List<String> ANALYSTS =
            List.of(
                    "vera.lopez",
                    "will.chen",
                    "xena.ivanova",
                    "yusuf.demir",
                    "zoe.murphy",
                    "hana.yoon");

    /** Placeholder descriptions people leave behind. */
    static final List<String> PLACEHOLDERS =
            List.of(
                    "TODO",
                    "tbd",
                    "TBD - add description",
                    "todo: document",
                    "N/A",
                    "-",
                    "description");

    /** Tokens that mark scratch tables; a name containing one breaks the naming convention. */
    static final List<String> SCRATCH_TOKENS =
            List.of("tmp", "temp", "test", "copy", "bak", "backup", "old", "final");

    /** The columns of a raw entity of {@code kind}, id first. */
    static List<ColumnSpec> sourceColumns(Entity entity) {
        String id = entity.idColumn();
        List<ColumnSpec> c = new ArrayList<>();
        c.add(
                ColumnSpec.of(
                        id,
                        Type.STRING,
                        "Unique identifier of the " + entity.singular().replace('_', ' ') + "."));
        switch (entity.kind()) {
            case EVENT -> {
                c.add(
                        ColumnSpec.of(
                                "event_ts",
                                Type.TIMESTAMP,
                                "When the event happened on the client, in UTC."));
                c.add(
                        ColumnSpec.nullable(
                                "user_id",
                                Type.STRING,
                                "Signed-in user who triggered the event; null for anonymous"
                                        + " traffic."));
                c.add(
                        ColumnSpec.of(
                                "session_id", Type.STRING, "Client session the event belongs to."));
                c.add(
                        ColumnSpec.nullable(
                                "device_type", Type.STRING, "Device class: ios, android or web."));
                c.add(
                        ColumnSpec.pii(
                                "ip_address",
                                Type.STRING,
                                Pii.IP_ADDRESS,
                                true,
                                "Client IP address as seen by the edge proxy."));
                c.add(
                        ColumnSpec.nullable(
                                "user_agent", Type.STRING, "Raw User-Agent header of the client."));
                c.add(
                        ColumnSpec.nullable(
                                "country_code",
                                Type.STRING,
                                "ISO 3166-1 alpha-2 country resolved from the IP address."));
                c.add(
                        ColumnSpec.nullable(
                                "app_version",
                                Type.STRING,
                                "Version of the app or web bundle that sent the event."));
                c.add(
                        ColumnSpec.nullable(
                                "event_properties",
                                Type.STRING,
                                "Event-specific properties as a JSON object."));
            }
            case PERSON -> {
                c.add(
                        ColumnSpec.pii(
                                "email",
                                Type.STRING,
                                Pii.EMAIL,
                                false,
                                "Primary e-mail address, lower-cased."));
                c.add(
                        ColumnSpec.pii(
                                "phone",
                                Type.STRING,
                                Pii.PHONE,
                                true,
                                "Mobile phone number in E.164 format."));
                c.add(
                        ColumnSpec.pii(
                                "full_name",
                                Type.STRING,
                                Pii.NAME,
                                false,
                                "Full name as entered by the person."));
                c.add(
                        ColumnSpec.pii(
                                "birth_date",
                                Type.DATE,
                                Pii.BIRTH_DATE,
                                true,
                                "Date of birth, used for age verification."));
                c.add(
                        ColumnSpec.pii(
                                "address",
                                Type.STRING,
                                Pii.ADDRESS,
                                true,
                                "Postal address (street, city, postcode)."));
                c.add(
                        ColumnSpec.nullable(
                                "country_code",
                                Type.STRING,
                                "ISO 3166-1 alpha-2 country of residence."));
                c.add(
                        ColumnSpec.of(
                                "created_at",
                                Type.TIMESTAMP,
                                "When the record was created, in UTC."));
                c.add(
                        ColumnSpec.of(
                                "marketing_opt_in",
                                Type.BOOLEAN,
                                "Whether the person agreed to marketing messages."));
                c.add(
                        ColumnSpec.of(
                                "status",
                                Type.STRING,
                                "Lifecycle status: active, suspended or closed."));
            }
            case EMPLOYEE -> {
                c.add(ColumnSpec.of("employee_number", Type.STRING, "HR system employee number."));
                c.add(
                        ColumnSpec.pii(
                                "full_name",
                                Type.STRING,
                                Pii.NAME,
                                false,
                                "Legal name of the employee."));
                c.add(
                        ColumnSpec.pii(
                                "ssn",
                                Type.STRING,
                                Pii.SSN,
                                true,
                                "US social security number, for payroll tax reporting."));
                c.add(
                        ColumnSpec.pii(
                                "birth_date",
                                Type.DATE,
                                Pii.BIRTH_DATE,
                                false,
                                "Date of birth of the employee."));
                c.add(
                        ColumnSpec.pii(
                                "home_address",
                                Type.STRING,
                                Pii.ADDRESS,
                                true,
                                "Home address for tax and mail."));
                c.add(
                        ColumnSpec.of(
                                "department", Type.STRING, "Department the employee belongs to."));
                c.add(
                        ColumnSpec.of(
                                "gross_pay_amount",
                                Type.DECIMAL,
                                "Gross pay for the period, in the pay currency."));
                c.add(ColumnSpec.of("currency", Type.STRING, "ISO 4217 currency of the amounts."));
                c.add(
                        ColumnSpec.nullable(
                                "pay_date", Type.DATE, "Date the pay was or will be disbursed."));
            }
            case ORDER -> {
                c.add(ColumnSpec.of("customer_id", Type.STRING, "Customer who placed the order."));
                c.add(
                        ColumnSpec.of(
                                "store_id", Type.STRING, "Storefront the order was placed in."));
                c.add(
                        ColumnSpec.of(
                                "order_ts", Type.TIMESTAMP, "When the order was placed, in UTC."));
                c.add(
                        ColumnSpec.of(
                                "status",
                                Type.STRING,
                                "Order status: placed, paid, shipped, delivered, cancelled."));
                c.add(ColumnSpec.of("currency", Type.STRING, "ISO 4217 currency of the amounts."));
                c.add(
                        ColumnSpec.of(
                                "gross_amount",
                                Type.DECIMAL,
                                "Amount before discounts, taxes included."));
                c.add(
                        ColumnSpec.nullable(
                                "discount_amount",
                                Type.DECIMAL,
                                "Total discount applied by promotions and coupons."));
                c.add(ColumnSpec.of("net_amount", Type.DECIMAL, "Amount charged after discounts."));
                c.add(
                        ColumnSpec.nullable(
                                "payment_method",
                                Type.STRING,
                                "Payment method: card, wallet, bank_transfer, cod."));
                c.add(
                        ColumnSpec.pii(
                                "shipping_address",
                                Type.STRING,
                                Pii.ADDRESS,
                                true,
                                "Delivery address given at checkout."));
                c.add(
                        ColumnSpec.nullable(
                                "coupon_code",
                                Type.STRING,
                                "Coupon code redeemed on the order, if any."));
            }
            case TRANSACTION -> {
                c.add(ColumnSpec.of("customer_id", Type.STRING, "Paying customer."));
                c.add(
                        ColumnSpec.of(
                                "merchant_id",
                                Type.STRING,
                                "Merchant account that receives the funds."));
                c.add(
                        ColumnSpec.of(
                                "amount",
                                Type.DECIMAL,
                                "Transaction amount in the transaction currency."));
                c.add(ColumnSpec.of("currency", Type.STRING, "ISO 4217 currency of the amount."));
                c.add(
                        ColumnSpec.of(
                                "status",
                                Type.STRING,
                                "Processing status: approved, declined, pending, reversed."));
                c.add(
                        ColumnSpec.pii(
                                "card_number",
                                Type.STRING,
                                Pii.CARD_NUMBER,
                                true,
                                "Primary account number; tokenized except in legacy flows."));
                c.add(
                        ColumnSpec.nullable(
                                "card_bin",
                                Type.STRING,
                                "First six digits of the card, identifying the issuer."));
                c.add(
                        ColumnSpec.of(
                                "created_at",
                                Type.TIMESTAMP,
                                "When the transaction was created, in UTC."));
                c.add(
                        ColumnSpec.of(
                                "processor",
                                Type.STRING,
                                "Payment processor that handled the transaction."));
                c.add(
                        ColumnSpec.nullable(
                                "decline_code",
                                Type.STRING,
                                "Issuer decline reason code; null when approved."));
                c.add(
                        ColumnSpec.pii(
                                "ip_address",
                                Type.STRING,
                                Pii.IP_ADDRESS,
                                true,
                                "IP address of the paying device."));
            }
            case SHIPMENT -> {
                c.add(ColumnSpec.of("order_id", Type.STRING, "Order the shipment fulfils."));
                c.add(ColumnSpec.of("carrier_code", Type.STRING, "Carrier handling the shipment."));
                c.add(
                        ColumnSpec.of(
                                "warehouse_id", Type.STRING, "Warehouse the shipment left from."));
                c.add(
                        ColumnSpec.of(
                                "shipped_at",
                                Type.TIMESTAMP,
                                "When the shipment was handed to the carrier, in UTC."));
                c.add(
                        ColumnSpec.nullable(
                                "delivered_at",
                                Type.TIMESTAMP,
                                "When the shipment was delivered; null while in transit."));
                c.add(ColumnSpec.nullable("weight_kg", Type.DOUBLE, "Billed weight in kilograms."));
                c.add(
                        ColumnSpec.pii(
                                "recipient_name",
                                Type.STRING,
                                Pii.NAME,
                                false,
                                "Name of the recipient."));
                c.add(
                        ColumnSpec.pii(
                                "recipient_address",
                                Type.STRING,
                                Pii.ADDRESS,
                                false,
                                "Delivery address of the recipient."));
                c.add(
                        ColumnSpec.pii(
                                "recipient_phone",
                                Type.STRING,
                                Pii.PHONE,
                                true,
                                "Phone number the courier calls."));
                c.add(
                        ColumnSpec.of(
                                "status",
                                Type.STRING,
                                "Shipment status: created, in_transit, delivered, failed."));
            }
            case INVENTORY -> {
                c.add(ColumnSpec.of("sku", Type.STRING, "Stock keeping unit."));
                c.add(ColumnSpec.of("warehouse_id", Type.STRING, "Warehouse holding the stock."));
                c.add(ColumnSpec.of("quantity", Type.LONG, "Units on hand or moved."));
                c.add(
                        ColumnSpec.nullable(
                                "reserved_quantity", Type.LONG, "Units reserved for open orders."));
                c.add(
                        ColumnSpec.nullable(
                                "movement_type",
                                Type.STRING,
                                "Kind of movement: receipt, pick, transfer, adjustment."));
                c.add(
                        ColumnSpec.of(
                                "snapshot_ts",
                                Type.TIMESTAMP,
                                "Time the quantity was observed, in UTC."));
                c.add(ColumnSpec.nullable("unit_cost", Type.DECIMAL, "Landed cost per unit."));
            }
            case PRODUCT -> {
                c.add(ColumnSpec.of("name", Type.STRING, "Display name."));
                c.add(
                        ColumnSpec.nullable(
                                "category",
                                Type.STRING,
                                "Category in the merchandising hierarchy."));
                c.add(ColumnSpec.nullable("brand", Type.STRING, "Brand or operator name."));
                c.add(
                        ColumnSpec.nullable(
                                "list_price", Type.DECIMAL, "List price before promotions."));
                c.add(
                        ColumnSpec.nullable(
                                "currency", Type.STRING, "ISO 4217 currency of the price."));
                c.add(ColumnSpec.of("is_active", Type.BOOLEAN, "Whether it is currently active."));
                c.add(
                        ColumnSpec.of(
                                "updated_at",
                                Type.TIMESTAMP,
                                "Last change to the record, in UTC."));
            }
            case CAMPAIGN -> {
                c.add(ColumnSpec.of("campaign_name", Type.STRING, "Human-readable name."));
                c.add(
                        ColumnSpec.of(
                                "channel",
                                Type.STRING,
                                "Marketing channel: search, social, display, email, affiliate."));
                c.add(ColumnSpec.of("start_date", Type.DATE, "First day it runs."));
                c.add(
                        ColumnSpec.nullable(
                                "end_date", Type.DATE, "Last day it runs; null when open-ended."));
                c.add(ColumnSpec.nullable("budget_amount", Type.DECIMAL, "Approved budget."));
                c.add(ColumnSpec.of("spend_amount", Type.DECIMAL, "Amount spent so far."));
                c.add(ColumnSpec.of("currency", Type.STRING, "ISO 4217 currency of the amounts."));
                c.add(
                        ColumnSpec.nullable(
                                "objective",
                                Type.STRING,
                                "Goal: awareness, acquisition, retention."));
                c.add(
                        ColumnSpec.of(
                                "updated_at",
                                Type.TIMESTAMP,
                                "Last change to the record, in UTC."));
            }
            case LEDGER -> {
                c.add(ColumnSpec.of("account_id", Type.STRING, "General ledger account."));
                c.add(ColumnSpec.nullable("cost_center", Type.STRING, "Cost center charged."));
                c.add(
                        ColumnSpec.of(
                                "posted_at", Type.TIMESTAMP, "When the entry was posted, in UTC."));
                c.add(
                        ColumnSpec.of(
                                "debit_amount",
                                Type.DECIMAL,
                                "Debit amount in the entry currency."));
                c.add(
                        ColumnSpec.of(
                                "credit_amount",
                                Type.DECIMAL,
                                "Credit amount in the entry currency."));
                c.add(ColumnSpec.of("currency", Type.STRING, "ISO 4217 currency of the amounts."));
                c.add(ColumnSpec.of("fiscal_period", Type.STRING, "Fiscal period, e.g. FY26-P01."));
                c.add(
                        ColumnSpec.of(
                                "source_system", Type.STRING, "System that produced the entry."));
                c.add(ColumnSpec.nullable("memo", Type.STRING, "Free-text memo of the entry."));
            }
            case LOG -> {
                c.add(ColumnSpec.of("ts", Type.TIMESTAMP, "When the event was logged, in UTC."));
                c.add(ColumnSpec.of("service", Type.STRING, "Service that logged the event."));
                c.add(ColumnSpec.nullable("endpoint", Type.STRING, "HTTP route or RPC method."));
                c.add(
                        ColumnSpec.nullable(
                                "status_code", Type.LONG, "HTTP status code of the response."));
                c.add(
                        ColumnSpec.nullable(
                                "latency_ms", Type.LONG, "Server-side latency in milliseconds."));
                c.add(ColumnSpec.nullable("user_id", Type.STRING, "Authenticated user, if any."));
                c.add(
                        ColumnSpec.pii(
                                "ip_address",
                                Type.STRING,
                                Pii.IP_ADDRESS,
                                true,
                                "Caller IP address."));
                c.add(
                        ColumnSpec.of(
                                "region", Type.STRING, "Cloud region that served the request."));
                c.add(ColumnSpec.nullable("trace_id", Type.STRING, "Distributed tracing id."));
            }
            case KR_MEMBER -> {
                c.add(
                        ColumnSpec.pii(
                                "회원명",
                                Type.STRING,
                                Pii.NAME,
                                false,
                                "회원 이름 (member's full name)."));
                c.add(
                        ColumnSpec.pii(
                                "주민번호",
                                Type.STRING,
                                Pii.NATIONAL_ID,
                                true,
                                "주민등록번호 (resident registration number); legacy column kept for"
                                        + " identity verification."));
                c.add(
                        ColumnSpec.pii(
                                "전화번호",
                                Type.STRING,
                                Pii.PHONE,
                                false,
                                "휴대전화 번호 (mobile phone number)."));
                c.add(
                        ColumnSpec.pii(
                                "이메일", Type.STRING, Pii.EMAIL, true, "이메일 주소 (e-mail address)."));
                c.add(
                        ColumnSpec.pii(
                                "주소",
                                Type.STRING,
                                Pii.ADDRESS,
                                true,
                                "기본 배송 주소 (default delivery address)."));
                c.add(
                        ColumnSpec.pii(
                                "생년월일", Type.DATE, Pii.BIRTH_DATE, true, "생년월일 (date of birth)."));
                c.add(
                        ColumnSpec.of(
                                "grade",
                                Type.STRING,
                                "회원 등급 (membership grade): 일반, 실버, 골드, VIP."));
                c.add(ColumnSpec.of("joined_at", Type.TIMESTAMP, "가입 일시 (sign-up time), in UTC."));
                c.add(
                        ColumnSpec.of(
                                "marketing_consent",
                                Type.BOOLEAN,
                                "마케팅 수신 동의 여부 (marketing consent)."));
            }
            case KR_ORDER -> {
                c.add(ColumnSpec.of("member_id", Type.STRING, "주문한 회원 (ordering member)."));
                c.add(ColumnSpec.of("주문금액", Type.DECIMAL, "주문 총액 (order total, KRW)."));
                c.add(
                        ColumnSpec.of(
                                "결제수단", Type.STRING, "결제 수단 (payment method): 카드, 계좌이체, 간편결제."));
                c.add(
                        ColumnSpec.pii(
                                "배송지주소",
                                Type.STRING,
                                Pii.ADDRESS,
                                true,
                                "배송지 주소 (delivery address)."));
                c.add(
                        ColumnSpec.pii(
                                "전화번호",
                                Type.STRING,
                                Pii.PHONE,
                                true,
                                "수령인 전화번호 (recipient phone number)."));
                c.add(ColumnSpec.of("ordered_at", Type.TIMESTAMP, "주문 일시 (order time), in UTC."));
                c.add(ColumnSpec.of("status", Type.STRING, "주문 상태 (order status)."));
                c.add(
                        ColumnSpec.nullable(
                                "coupon_id", Type.STRING, "사용한 쿠폰 (coupon used), if any."));
            }
        }
        return c;
    }

    /** Columns a fact table groups by, taken from the entity's columns when it has them. */
    static List<String> groupColumns(Kind kind) {
        return switch (kind) {
            case EVENT -> List.of("device_type", "country_code");
            case PERSON -> List.of("country_code", "status");
            case EMPLOYEE -> List.of("department", "currency");
            case ORDER -> List.of("store_id", "currency");
            case TRANSACTION -> List.of("processor", "currency");
            case SHIPMENT -> List.of("carrier_code", "warehouse_id");
            case INVENTORY -> List.of("warehouse_id");
            case PRODUCT -> List.of("category");
            case CAMPAIGN -> List.of("channel", "currency");
            case LEDGER -> List.of("account_id", "currency");
            case LOG -> List.of("service", "region");
            case KR_MEMBER -> List.of("grade");
            case KR_ORDER -> List.of("결제수단");
        };
    }

    /** Measures of a fact or report on {@code kind}; {@code %s} is the entity label. */
    static List<ColumnSpec> measures(Kind kind) {
        return switch (kind) {
            case EVENT ->
                    List.of(
                            ColumnSpec.of("event_count", Type.LONG, "Number of %s in the period."),
                            ColumnSpec.of(
                                    "unique_users",
                                    Type.LONG,
                                    "Distinct signed-in users behind the %s."),
                            ColumnSpec.of(
                                    "unique_sessions", Type.LONG, "Distinct sessions with %s."));
            case PERSON, KR_MEMBER ->
                    List.of(
                            ColumnSpec.of("new_count", Type.LONG, "New %s created in the period."),
                            ColumnSpec.of(
                                    "active_count",
                                    Type.LONG,
                                    "Active %s at the end of the period."),
                            ColumnSpec.of(
                                    "churned_count",
                                    Type.LONG,
                                    "%s closed or churned in the period."));
            case EMPLOYEE ->
                    List.of(
                            ColumnSpec.of("headcount", Type.LONG, "Number of %s in the period."),
                            ColumnSpec.of(
                                    "total_gross_pay", Type.DECIMAL, "Sum of gross pay of the %s."),
                            ColumnSpec.of(
                                    "avg_gross_pay", Type.DECIMAL, "Average gross pay of the %s."));
            case ORDER ->
                    List.of(
                            ColumnSpec.of("order_count", Type.LONG, "Number of %s."),
                            ColumnSpec.of(
                                    "gross_amount",
                                    Type.DECIMAL,
                                    "Sum of gross amounts of the %s."),
                            ColumnSpec.of(
                                    "net_amount",
                                    Type.DECIMAL,
                                    "Sum of net amounts of the %s after discounts."),
                            ColumnSpec.of(
                                    "avg_order_value",
                                    Type.DOUBLE,
                                    "Average net amount per order."));
            case KR_ORDER ->
                    List.of(
                            ColumnSpec.of("order_count", Type.LONG, "주문 건수 (number of %s)."),
                            ColumnSpec.of(
                                    "주문금액_합계",
                                    Type.DECIMAL,
                                    "주문금액 합계 (total order amount of the %s, KRW)."),
                            ColumnSpec.of(
                                    "avg_order_value",
                                    Type.DOUBLE,
                                    "평균 주문금액 (average order value, KRW)."));
            case TRANSACTION ->
                    List.of(
                            ColumnSpec.of("txn_count", Type.LONG, "Number of %s."),
                            ColumnSpec.of(
                                    "total_amount", Type.DECIMAL, "Sum of amounts of the %s."),
                            ColumnSpec.of("approved_count", Type.LONG, "Approved %s."),
                            ColumnSpec.of(
                                    "approval_rate", Type.DOUBLE, "Share of %s approved, 0 to 1."));
            case SHIPMENT ->
                    List.of(
                            ColumnSpec.of("shipment_count", Type.LONG, "Number of %s."),
                            ColumnSpec.of(
                                    "delivered_count", Type.LONG, "%s delivered in the period."),
                            ColumnSpec.of(
                                    "on_time_rate",
                                    Type.DOUBLE,
                                    "Share of %s delivered by the promised date."),
                            ColumnSpec.of(
                                    "avg_transit_hours",
                                    Type.DOUBLE,
                                    "Average hours from hand-over to delivery."));
            case INVENTORY ->
                    List.of(
                            ColumnSpec.of("total_quantity", Type.LONG, "Units on hand across %s."),
                            ColumnSpec.of(
                                    "reserved_quantity",
                                    Type.LONG,
                                    "Units reserved for open orders."),
                            ColumnSpec.of(
                                    "stockout_sku_count",
                                    Type.LONG,
                                    "SKUs with zero units available."));
            case PRODUCT ->
                    List.of(
                            ColumnSpec.of("active_count", Type.LONG, "Active %s."),
                            ColumnSpec.of(
                                    "avg_list_price",
                                    Type.DECIMAL,
                                    "Average list price of the %s."));
            case CAMPAIGN ->
                    List.of(
                            ColumnSpec.of(
                                    "impressions", Type.LONG, "Impressions served for the %s."),
                            ColumnSpec.of("clicks", Type.LONG, "Clicks on the %s."),
                            ColumnSpec.of("spend_amount", Type.DECIMAL, "Amount spent on the %s."),
                            ColumnSpec.of(
                                    "ctr",
                                    Type.DOUBLE,
                                    "Click-through rate, clicks over impressions."));
            case LEDGER ->
                    List.of(
                            ColumnSpec.of("entry_count", Type.LONG, "Number of %s."),
                            ColumnSpec.of("debit_total", Type.DECIMAL, "Sum of debits of the %s."),
                            ColumnSpec.of(
                                    "credit_total", Type.DECIMAL, "Sum of credits of the %s."),
                            ColumnSpec.of("net_amount", Type.DECIMAL, "Debits minus credits."));
            case LOG ->
                    List.of(
                            ColumnSpec.of("request_count", Type.LONG, "Number of %s."),
                            ColumnSpec.of(
                                    "error_count",
                                    Type.LONG,
                                    "%s with a 5xx status or an error level."),
                            ColumnSpec.of("error_rate", Type.DOUBLE, "Errors over all %s."),
                            ColumnSpec.of(
                                    "p95_latency_ms",
                                    Type.LONG,
                                    "95th percentile latency in milliseconds."));
        };
    }
}
