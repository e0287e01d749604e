-- Spring Integration's JDBC channel message store (PostgreSQL): the durable work queues. A trigger
-- notifies listeners of every new message, so any node picks it up at once.
create sequence INT_MESSAGE_SEQ start with 1 increment by 1 no cycle;

create table INT_CHANNEL_MESSAGE (
    MESSAGE_ID       char(36)     not null,
    GROUP_KEY        char(36)     not null,
    CREATED_DATE     bigint       not null,
    MESSAGE_PRIORITY bigint,
    MESSAGE_SEQUENCE bigint       not null default nextval('INT_MESSAGE_SEQ'),
    MESSAGE_BYTES    bytea,
    REGION           varchar(100) not null,
    constraint INT_CHANNEL_MESSAGE_PK primary key (REGION, GROUP_KEY, CREATED_DATE, MESSAGE_SEQUENCE)
);
create index INT_CHANNEL_MSG_DELETE_IDX on INT_CHANNEL_MESSAGE (REGION, GROUP_KEY, MESSAGE_ID);

create function INT_CHANNEL_MESSAGE_NOTIFY_FCT() returns trigger as
$BODY$
begin
    perform pg_notify('int_channel_message_notify', NEW.REGION || ' ' || NEW.GROUP_KEY);
    return NEW;
end;
$BODY$ language plpgsql;

create trigger INT_CHANNEL_MESSAGE_NOTIFY_TRG
    after insert on INT_CHANNEL_MESSAGE
    for each row
execute procedure INT_CHANNEL_MESSAGE_NOTIFY_FCT();
