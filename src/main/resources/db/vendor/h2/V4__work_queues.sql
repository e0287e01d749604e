-- Spring Integration's JDBC channel message store (H2): the durable work queues, polled.
create sequence INT_MESSAGE_SEQ start with 1 increment by 1;

create table INT_CHANNEL_MESSAGE (
    MESSAGE_ID       char(36)     not null,
    GROUP_KEY        char(36)     not null,
    CREATED_DATE     bigint       not null,
    MESSAGE_PRIORITY bigint,
    MESSAGE_SEQUENCE bigint       not null,
    MESSAGE_BYTES    longvarbinary,
    REGION           varchar(100) not null,
    constraint INT_CHANNEL_MESSAGE_PK primary key (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE)
);
create index INT_CHANNEL_MSG_DELETE_IDX on INT_CHANNEL_MESSAGE (REGION, GROUP_KEY, MESSAGE_ID);
