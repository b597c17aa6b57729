package io.dataspoke.demo;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The words the demo organisation is made of: teams, the business entities each team owns, and the
 * column archetypes of each kind of entity. Plain data in fixed order (generation only picks from
 * lists by index), written as text tables so it reads like a data dictionary.
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

    /** A column archetype; {@code %s} in a measure's description stands for the entity label. */
    record ColumnSpec(String name, Type type, String description, Pii pii, boolean nullable) {}

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
     * @param korean the Korean label, for the Korean team's bilingual descriptions; null otherwise
     */
    record Entity(
            String key, String singular, String abbrev, String label, Kind kind, String korean) {
        String idColumn() {
            return singular + "_id";
        }
    }

    /**
     * A team of the organisation and what it owns.
     *
     * @param weight relative number of source datasets
     * @param weekendLow lowest Saturday volume of its datasets, relative to a Monday
     * @param weekendHigh highest Saturday volume of its datasets, relative to a Monday
     */
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

    /**
     * Columns: name | display name | timezone | UTC offset | weight | weekend low | high | people.
     */
    private static final String TEAM_TABLE =
            """
growth      | Growth         | UTC        | 0 | 1.1 | 0.72 | 0.82 | alice.kim, ben.okafor, chloe.martin
commerce    | Commerce       | UTC        | 0 | 1.2 | 0.70 | 0.80 | daniel.ortiz, emma.schmidt, farid.haddad
payments    | Payments       | UTC        | 0 | 1.1 | 0.66 | 0.76 | grace.lee, hiro.tanaka, isabel.costa
logistics   | Logistics      | UTC        | 0 | 1.0 | 0.60 | 0.72 | jonas.berg, keiko.sato, liam.walsh
marketing   | Marketing      | UTC        | 0 | 1.0 | 0.68 | 0.80 | maria.garcia, noah.fischer, olivia.brown
finance     | Finance        | UTC        | 0 | 0.9 | 0.50 | 0.62 | paul.nguyen, quinn.adams, rosa.silva
platform    | Platform       | UTC        | 0 | 0.8 | 0.55 | 0.68 | sam.patel, tara.jensen, umar.rahman
commerce_kr | Commerce Korea | Asia/Seoul | 9 | 1.0 | 0.78 | 0.88 | jiwoo.park, minseo.choi, seojun.kang
""";

    /**
     * Columns: team | key | singular | abbreviation | label | kind | Korean label. The first two
     * entities of a team are its core ones, present in every catalog.
     */
    private static final String ENTITY_TABLE =
            """
growth      | page_views               | page_view     | pv       | web and app page views            | EVENT
growth      | users                    | user          | usr      | registered users                  | PERSON
growth      | sessions                 | session       | sess     | user sessions                     | EVENT
growth      | signups                  | signup        | sgnup    | account sign-ups                  | PERSON
growth      | app_installs             | install       | inst     | mobile app installs               | EVENT
growth      | referrals                | referral      | refrl    | referral invitations              | EVENT
growth      | experiment_assignments   | assignment    | exp_asgn | A/B experiment assignments        | EVENT
growth      | push_notifications       | push          | push     | push notifications sent           | EVENT
growth      | search_queries           | search        | srch     | on-site search queries            | EVENT
commerce    | orders                   | order         | ord      | customer orders                   | ORDER
commerce    | customers                | customer      | cust     | customers                         | PERSON
commerce    | order_items              | order_item    | ord_itm  | order line items                  | ORDER
commerce    | carts                    | cart          | crt      | shopping cart events              | EVENT
commerce    | products                 | product       | prod     | product catalog entries           | PRODUCT
commerce    | product_reviews          | review        | rvw      | product reviews                   | EVENT
commerce    | stores                   | store         | str      | stores and storefronts            | PRODUCT
commerce    | wishlists                | wishlist_item | wshlst   | wishlist items                    | EVENT
commerce    | promotions               | promotion     | promo    | price promotions                  | CAMPAIGN
payments    | transactions             | transaction   | txn      | payment transactions              | TRANSACTION
payments    | card_authorizations      | authorization | auth     | card authorization requests       | TRANSACTION
payments    | refunds                  | refund        | rfnd     | refunds                           | TRANSACTION
payments    | chargebacks              | chargeback    | cb       | chargebacks                       | TRANSACTION
payments    | payouts                  | payout        | pyout    | merchant payouts                  | TRANSACTION
payments    | settlements              | settlement    | sttl     | card scheme settlements           | LEDGER
payments    | disputes                 | dispute       | dsp      | payment disputes                  | TRANSACTION
payments    | fraud_scores             | fraud_score   | frd_scr  | fraud model scores                | EVENT
logistics   | shipments                | shipment      | shpmt    | outbound shipments                | SHIPMENT
logistics   | couriers                 | courier       | crr      | couriers                          | PERSON
logistics   | deliveries               | delivery      | dlvr     | last-mile delivery attempts       | SHIPMENT
logistics   | parcels                  | parcel        | prcl     | parcels                           | SHIPMENT
logistics   | returns                  | return        | rtn      | customer returns                  | SHIPMENT
logistics   | inventory_snapshots      | snapshot      | inv      | inventory snapshots               | INVENTORY
logistics   | stock_movements          | movement      | stk_mvmt | stock movements between locations | INVENTORY
logistics   | warehouses               | warehouse     | whse     | warehouses                        | PRODUCT
logistics   | carriers                 | carrier       | carr     | carriers                          | PRODUCT
marketing   | campaigns                | campaign      | cmpgn    | marketing campaigns               | CAMPAIGN
marketing   | leads                    | lead          | ld       | sales leads                       | PERSON
marketing   | ad_spend                 | spend         | adspnd   | paid media ad spend               | CAMPAIGN
marketing   | ad_impressions           | impression    | imp      | ad impressions                    | EVENT
marketing   | ad_clicks                | click         | clk      | ad clicks                         | EVENT
marketing   | email_sends              | email_send    | eml_snd  | marketing e-mails sent            | EVENT
marketing   | coupons                  | coupon        | cpn      | coupons                           | CAMPAIGN
marketing   | audiences                | audience      | aud      | audience segments                 | CAMPAIGN
marketing   | attribution_touches      | touch         | attr     | attribution touchpoints           | EVENT
finance     | ledger_entries           | entry         | gl       | general ledger entries            | LEDGER
finance     | payroll                  | payslip       | pyrl     | payroll payslips                  | EMPLOYEE
finance     | revenue_recognition      | recognition   | rev_rec  | recognized revenue                | LEDGER
finance     | operating_costs          | cost          | opex     | operating costs                   | LEDGER
finance     | budgets                  | budget        | bdgt     | budgets by cost center            | LEDGER
finance     | vendor_invoices          | invoice       | vnd_invc | vendor invoices                   | LEDGER
finance     | tax_filings              | filing        | tax      | tax filings                       | LEDGER
finance     | fx_rates                 | rate          | fx       | foreign exchange rates            | LEDGER
finance     | employees                | employee      | emp      | employees                         | EMPLOYEE
platform    | api_requests             | request       | api_req  | API gateway requests              | LOG
platform    | user_accounts            | account       | acct     | platform user accounts            | PERSON
platform    | audit_logs               | audit_event   | audit    | audit log events                  | LOG
platform    | service_errors           | error         | err      | service errors                    | LOG
platform    | deployments              | deployment    | dply     | service deployments               | LOG
platform    | auth_events              | auth_event    | authn    | login and authentication events   | LOG
platform    | feature_flag_evaluations | evaluation    | ff_eval  | feature flag evaluations          | LOG
platform    | billing_usage            | usage         | bill_usg | metered billing usage             | LEDGER
commerce_kr | kr_members               | member        | kr_mbr   | Korean marketplace members        | KR_MEMBER   | 회원
commerce_kr | kr_orders                | order         | kr_ord   | Korean marketplace orders         | KR_ORDER    | 주문
commerce_kr | kr_payments              | payment       | kr_pmt   | Korean marketplace payments       | TRANSACTION | 결제
commerce_kr | kr_deliveries            | delivery      | kr_dlvr  | Korean marketplace deliveries     | SHIPMENT    | 배송
commerce_kr | kr_reviews               | review        | kr_rvw   | Korean marketplace product reviews | EVENT      | 상품 리뷰
commerce_kr | kr_coupons               | coupon        | kr_cpn   | Korean marketplace coupons        | CAMPAIGN    | 쿠폰
commerce_kr | kr_points                | point_txn     | kr_pnt   | Korean loyalty point transactions | LEDGER      | 포인트 적립과 사용
commerce_kr | kr_sellers               | seller        | kr_slr   | Korean marketplace sellers        | KR_MEMBER   | 판매자
commerce_kr | kr_app_events            | app_event     | kr_evt   | Korean marketplace app events     | EVENT       | 앱 이벤트
""";

    static final List<TeamSpec> TEAMS = teams();

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

    /** Words that mark scratch tables; a table name containing one breaks the naming convention. */
    static final List<String> SCRATCH_TOKENS =
            List.of("tmp", "temp", "test", "copy", "bak", "backup", "old", "final");

    /**
     * Raw columns per kind, after the entity's own id. Columns: name | type | personal data (- for
     * none) | null or not null | description.
     */
    private static final Map<Kind, List<ColumnSpec>> SOURCE_COLUMNS = new EnumMap<>(Kind.class);

    static {
        SOURCE_COLUMNS.put(
                Kind.EVENT,
                columns(
                        """
event_ts         | TIMESTAMP | -          | not null | When the event happened on the client, in UTC.
user_id          | STRING    | -          | null     | Signed-in user who triggered the event; null for anonymous traffic.
session_id       | STRING    | -          | not null | Client session the event belongs to.
device_type      | STRING    | -          | null     | Device class: ios, android or web.
ip_address       | STRING    | IP_ADDRESS | null     | Client IP address as seen by the edge proxy.
user_agent       | STRING    | -          | null     | Raw User-Agent header of the client.
country_code     | STRING    | -          | null     | ISO 3166-1 alpha-2 country resolved from the IP address.
app_version      | STRING    | -          | null     | Version of the app or web bundle that sent the event.
event_properties | STRING    | -          | null     | Event-specific properties as a JSON object.
"""));
        SOURCE_COLUMNS.put(
                Kind.PERSON,
                columns(
                        """
email            | STRING    | EMAIL      | not null | Primary e-mail address, lower-cased.
phone            | STRING    | PHONE      | null     | Mobile phone number in E.164 format.
full_name        | STRING    | NAME       | not null | Full name as entered by the person.
birth_date       | DATE      | BIRTH_DATE | null     | Date of birth, used for age verification.
address          | STRING    | ADDRESS    | null     | Postal address (street, city, postcode).
country_code     | STRING    | -          | null     | ISO 3166-1 alpha-2 country of residence.
created_at       | TIMESTAMP | -          | not null | When the record was created, in UTC.
marketing_opt_in | BOOLEAN   | -          | not null | Whether the person agreed to marketing messages.
status           | STRING    | -          | not null | Lifecycle status: active, suspended or closed.
"""));
        SOURCE_COLUMNS.put(
                Kind.EMPLOYEE,
                columns(
                        """
employee_number  | STRING    | -          | not null | HR system employee number.
full_name        | STRING    | NAME       | not null | Legal name of the employee.
ssn              | STRING    | SSN        | null     | US social security number, for payroll tax reporting.
birth_date       | DATE      | BIRTH_DATE | not null | Date of birth of the employee.
home_address     | STRING    | ADDRESS    | null     | Home address for tax and mail.
department       | STRING    | -          | not null | Department the employee belongs to.
gross_pay_amount | DECIMAL   | -          | not null | Gross pay for the period, in the pay currency.
currency         | STRING    | -          | not null | ISO 4217 currency of the amounts.
pay_date         | DATE      | -          | null     | Date the pay was or will be disbursed.
"""));
        SOURCE_COLUMNS.put(
                Kind.ORDER,
                columns(
                        """
customer_id      | STRING    | -          | not null | Customer who placed the order.
store_id         | STRING    | -          | not null | Storefront the order was placed in.
order_ts         | TIMESTAMP | -          | not null | When the order was placed, in UTC.
status           | STRING    | -          | not null | Order status: placed, paid, shipped, delivered, cancelled.
currency         | STRING    | -          | not null | ISO 4217 currency of the amounts.
gross_amount     | DECIMAL   | -          | not null | Amount before discounts, taxes included.
discount_amount  | DECIMAL   | -          | null     | Total discount applied by promotions and coupons.
net_amount       | DECIMAL   | -          | not null | Amount charged after discounts.
payment_method   | STRING    | -          | null     | Payment method: card, wallet, bank_transfer, cod.
shipping_address | STRING    | ADDRESS    | null     | Delivery address given at checkout.
coupon_code      | STRING    | -          | null     | Coupon code redeemed on the order, if any.
"""));
        SOURCE_COLUMNS.put(
                Kind.TRANSACTION,
                columns(
                        """
customer_id      | STRING    | -           | not null | Paying customer.
merchant_id      | STRING    | -           | not null | Merchant account that receives the funds.
amount           | DECIMAL   | -           | not null | Transaction amount in the transaction currency.
currency         | STRING    | -           | not null | ISO 4217 currency of the amount.
status           | STRING    | -           | not null | Processing status: approved, declined, pending, reversed.
card_number      | STRING    | CARD_NUMBER | null     | Primary account number; tokenized except in legacy flows.
card_bin         | STRING    | -           | null     | First six digits of the card, identifying the issuer.
created_at       | TIMESTAMP | -           | not null | When the transaction was created, in UTC.
processor        | STRING    | -           | not null | Payment processor that handled the transaction.
decline_code     | STRING    | -           | null     | Issuer decline reason code; null when approved.
ip_address       | STRING    | IP_ADDRESS  | null     | IP address of the paying device.
"""));
        SOURCE_COLUMNS.put(
                Kind.SHIPMENT,
                columns(
                        """
order_id          | STRING    | -       | not null | Order the shipment fulfils.
carrier_code      | STRING    | -       | not null | Carrier handling the shipment.
warehouse_id      | STRING    | -       | not null | Warehouse the shipment left from.
shipped_at        | TIMESTAMP | -       | not null | When the shipment was handed to the carrier, in UTC.
delivered_at      | TIMESTAMP | -       | null     | When the shipment was delivered; null while in transit.
weight_kg         | DOUBLE    | -       | null     | Billed weight in kilograms.
recipient_name    | STRING    | NAME    | not null | Name of the recipient.
recipient_address | STRING    | ADDRESS | not null | Delivery address of the recipient.
recipient_phone   | STRING    | PHONE   | null     | Phone number the courier calls.
status            | STRING    | -       | not null | Shipment status: created, in_transit, delivered, failed.
"""));
        SOURCE_COLUMNS.put(
                Kind.INVENTORY,
                columns(
                        """
sku               | STRING    | -       | not null | Stock keeping unit.
warehouse_id      | STRING    | -       | not null | Warehouse holding the stock.
quantity          | LONG      | -       | not null | Units on hand or moved.
reserved_quantity | LONG      | -       | null     | Units reserved for open orders.
movement_type     | STRING    | -       | null     | Kind of movement: receipt, pick, transfer, adjustment.
snapshot_ts       | TIMESTAMP | -       | not null | Time the quantity was observed, in UTC.
unit_cost         | DECIMAL   | -       | null     | Landed cost per unit.
"""));
        SOURCE_COLUMNS.put(
                Kind.PRODUCT,
                columns(
                        """
name              | STRING    | -       | not null | Display name.
category          | STRING    | -       | null     | Category in the merchandising hierarchy.
brand             | STRING    | -       | null     | Brand or operator name.
list_price        | DECIMAL   | -       | null     | List price before promotions.
currency          | STRING    | -       | null     | ISO 4217 currency of the price.
is_active         | BOOLEAN   | -       | not null | Whether it is currently active.
updated_at        | TIMESTAMP | -       | not null | Last change to the record, in UTC.
"""));
        SOURCE_COLUMNS.put(
                Kind.CAMPAIGN,
                columns(
                        """
campaign_name     | STRING    | -       | not null | Human-readable name.
channel           | STRING    | -       | not null | Marketing channel: search, social, display, email, affiliate.
start_date        | DATE      | -       | not null | First day it runs.
end_date          | DATE      | -       | null     | Last day it runs; null when open-ended.
budget_amount     | DECIMAL   | -       | null     | Approved budget.
spend_amount      | DECIMAL   | -       | not null | Amount spent so far.
currency          | STRING    | -       | not null | ISO 4217 currency of the amounts.
objective         | STRING    | -       | null     | Goal: awareness, acquisition, retention.
updated_at        | TIMESTAMP | -       | not null | Last change to the record, in UTC.
"""));
        SOURCE_COLUMNS.put(
                Kind.LEDGER,
                columns(
                        """
account_id        | STRING    | -       | not null | General ledger account.
cost_center       | STRING    | -       | null     | Cost center charged.
posted_at         | TIMESTAMP | -       | not null | When the entry was posted, in UTC.
debit_amount      | DECIMAL   | -       | not null | Debit amount in the entry currency.
credit_amount     | DECIMAL   | -       | not null | Credit amount in the entry currency.
currency          | STRING    | -       | not null | ISO 4217 currency of the amounts.
fiscal_period     | STRING    | -       | not null | Fiscal period, e.g. FY26-P01.
source_system     | STRING    | -       | not null | System that produced the entry.
memo              | STRING    | -       | null     | Free-text memo of the entry.
"""));
        SOURCE_COLUMNS.put(
                Kind.LOG,
                columns(
                        """
ts                | TIMESTAMP | -          | not null | When the event was logged, in UTC.
service           | STRING    | -          | not null | Service that logged the event.
endpoint          | STRING    | -          | null     | HTTP route or RPC method.
status_code       | LONG      | -          | null     | HTTP status code of the response.
latency_ms        | LONG      | -          | null     | Server-side latency in milliseconds.
user_id           | STRING    | -          | null     | Authenticated user, if any.
ip_address        | STRING    | IP_ADDRESS | null     | Caller IP address.
region            | STRING    | -          | not null | Cloud region that served the request.
trace_id          | STRING    | -          | null     | Distributed tracing id.
"""));
        SOURCE_COLUMNS.put(
                Kind.KR_MEMBER,
                columns(
                        """
회원명            | STRING    | NAME        | not null | 회원 이름 (member's full name).
주민번호          | STRING    | NATIONAL_ID | null     | 주민등록번호 (resident registration number); legacy column kept for identity verification.
전화번호          | STRING    | PHONE       | not null | 휴대전화 번호 (mobile phone number).
이메일            | STRING    | EMAIL       | null     | 이메일 주소 (e-mail address).
주소              | STRING    | ADDRESS     | null     | 기본 배송 주소 (default delivery address).
생년월일          | DATE      | BIRTH_DATE  | null     | 생년월일 (date of birth).
grade             | STRING    | -           | not null | 회원 등급 (membership grade): 일반, 실버, 골드, VIP.
joined_at         | TIMESTAMP | -           | not null | 가입 일시 (sign-up time), in UTC.
marketing_consent | BOOLEAN   | -           | not null | 마케팅 수신 동의 여부 (marketing consent).
"""));
        SOURCE_COLUMNS.put(
                Kind.KR_ORDER,
                columns(
                        """
member_id         | STRING    | -       | not null | 주문한 회원 (ordering member).
주문금액          | DECIMAL   | -       | not null | 주문 총액 (order total, KRW).
결제수단          | STRING    | -       | not null | 결제 수단 (payment method): 카드, 계좌이체, 간편결제.
배송지주소        | STRING    | ADDRESS | null     | 배송지 주소 (delivery address).
전화번호          | STRING    | PHONE   | null     | 수령인 전화번호 (recipient phone number).
ordered_at        | TIMESTAMP | -       | not null | 주문 일시 (order time), in UTC.
status            | STRING    | -       | not null | 주문 상태 (order status).
coupon_id         | STRING    | -       | null     | 사용한 쿠폰 (coupon used), if any.
"""));
    }

    /** Measures of facts and reports per kind; {@code %s} is the entity label. */
    private static final Map<Kind, List<ColumnSpec>> MEASURES = new EnumMap<>(Kind.class);

    static {
        MEASURES.put(
                Kind.EVENT,
                columns(
                        """
event_count        | LONG    | - | not null | Number of %s in the period.
unique_users       | LONG    | - | not null | Distinct signed-in users behind the %s.
unique_sessions    | LONG    | - | not null | Distinct sessions with %s.
"""));
        MEASURES.put(
                Kind.PERSON,
                columns(
                        """
new_count          | LONG    | - | not null | New %s created in the period.
active_count       | LONG    | - | not null | Active %s at the end of the period.
churned_count      | LONG    | - | not null | %s closed or churned in the period.
"""));
        MEASURES.put(
                Kind.EMPLOYEE,
                columns(
                        """
                        headcount          | LONG    | - | not null | Number of %s in the period.
                        total_gross_pay    | DECIMAL | - | not null | Sum of gross pay of the %s.
                        avg_gross_pay      | DECIMAL | - | not null | Average gross pay of the %s.
                        """));
        MEASURES.put(
                Kind.ORDER,
                columns(
                        """
order_count        | LONG    | - | not null | Number of %s.
gross_amount       | DECIMAL | - | not null | Sum of gross amounts of the %s.
net_amount         | DECIMAL | - | not null | Sum of net amounts of the %s after discounts.
avg_order_value    | DOUBLE  | - | not null | Average net amount per order.
"""));
        MEASURES.put(
                Kind.KR_ORDER,
                columns(
                        """
order_count        | LONG    | - | not null | 주문 건수 (number of %s).
주문금액_합계      | DECIMAL | - | not null | 주문금액 합계 (total order amount of the %s, KRW).
avg_order_value    | DOUBLE  | - | not null | 평균 주문금액 (average order value, KRW).
"""));
        MEASURES.put(
                Kind.TRANSACTION,
                columns(
                        """
                        txn_count          | LONG    | - | not null | Number of %s.
                        total_amount       | DECIMAL | - | not null | Sum of amounts of the %s.
                        approved_count     | LONG    | - | not null | Approved %s.
                        approval_rate      | DOUBLE  | - | not null | Share of %s approved, 0 to 1.
                        """));
        MEASURES.put(
                Kind.SHIPMENT,
                columns(
                        """
shipment_count     | LONG    | - | not null | Number of %s.
delivered_count    | LONG    | - | not null | %s delivered in the period.
on_time_rate       | DOUBLE  | - | not null | Share of %s delivered by the promised date.
avg_transit_hours  | DOUBLE  | - | not null | Average hours from hand-over to delivery.
"""));
        MEASURES.put(
                Kind.INVENTORY,
                columns(
                        """
total_quantity     | LONG    | - | not null | Units on hand across %s.
reserved_quantity  | LONG    | - | not null | Units reserved for open orders.
stockout_sku_count | LONG    | - | not null | SKUs with zero units available.
"""));
        MEASURES.put(
                Kind.PRODUCT,
                columns(
                        """
                        active_count       | LONG    | - | not null | Active %s.
                        avg_list_price     | DECIMAL | - | not null | Average list price of the %s.
                        """));
        MEASURES.put(
                Kind.CAMPAIGN,
                columns(
                        """
impressions        | LONG    | - | not null | Impressions served for the %s.
clicks             | LONG    | - | not null | Clicks on the %s.
spend_amount       | DECIMAL | - | not null | Amount spent on the %s.
ctr                | DOUBLE  | - | not null | Click-through rate, clicks over impressions.
"""));
        MEASURES.put(
                Kind.LEDGER,
                columns(
                        """
                        entry_count        | LONG    | - | not null | Number of %s.
                        debit_total        | DECIMAL | - | not null | Sum of debits of the %s.
                        credit_total       | DECIMAL | - | not null | Sum of credits of the %s.
                        net_amount         | DECIMAL | - | not null | Debits minus credits.
                        """));
        MEASURES.put(
                Kind.LOG,
                columns(
                        """
request_count      | LONG    | - | not null | Number of %s.
error_count        | LONG    | - | not null | %s with a 5xx status or an error level.
error_rate         | DOUBLE  | - | not null | Errors over all %s.
p95_latency_ms     | LONG    | - | not null | 95th percentile latency in milliseconds.
"""));
    }

    /** The columns of a raw entity: its id first, then its kind's columns. */
    static List<ColumnSpec> sourceColumns(Entity entity) {
        List<ColumnSpec> c = new ArrayList<>();
        String id = entity.idColumn();
        c.add(
                new ColumnSpec(
                        id,
                        Type.STRING,
                        "Unique identifier of the " + entity.singular().replace('_', ' ') + ".",
                        Pii.NONE,
                        false));
        for (ColumnSpec spec : SOURCE_COLUMNS.get(entity.kind())) {
            if (!spec.name().equals(id)) { // sessions: the id is also a generic event column
                c.add(spec);
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
        return MEASURES.getOrDefault(
                kind, MEASURES.get(kind == Kind.KR_MEMBER ? Kind.PERSON : kind));
    }

    private static List<TeamSpec> teams() {
        List<TeamSpec> teams = new ArrayList<>();
        List<String[]> entityRows = rows(ENTITY_TABLE);
        for (String[] t : rows(TEAM_TABLE)) {
            List<Entity> entities = new ArrayList<>();
            for (String[] e : entityRows) {
                if (e[0].equals(t[0])) {
                    entities.add(
                            new Entity(
                                    e[1],
                                    e[2],
                                    e[3],
                                    e[4],
                                    Kind.valueOf(e[5]),
                                    e.length > 6 ? e[6] : null));
                }
            }
            teams.add(
                    new TeamSpec(
                            t[0],
                            t[1],
                            t[2],
                            Integer.parseInt(t[3]),
                            Double.parseDouble(t[4]),
                            Double.parseDouble(t[5]),
                            Double.parseDouble(t[6]),
                            List.of(t[7].split(",\\s*")),
                            List.copyOf(entities)));
        }
        return List.copyOf(teams);
    }

    private static List<ColumnSpec> columns(String table) {
        List<ColumnSpec> columns = new ArrayList<>();
        for (String[] row : rows(table)) {
            Pii pii = row[2].equals("-") ? Pii.NONE : Pii.valueOf(row[2]);
            columns.add(
                    new ColumnSpec(
                            row[0], Type.valueOf(row[1]), row[4], pii, row[3].equals("null")));
        }
        return List.copyOf(columns);
    }

    private static List<String[]> rows(String table) {
        List<String[]> rows = new ArrayList<>();
        for (String line : table.strip().split("\n")) {
            String[] cells = line.split("\\|", -1);
            for (int i = 0; i < cells.length; i++) {
                cells[i] = cells[i].strip();
            }
            rows.add(cells);
        }
        return rows;
    }
}
