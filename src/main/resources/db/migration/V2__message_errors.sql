-- Provider error of a message that failed or was refused (e.g. Twilio 21610, 30003).
alter table message add column error_code varchar(16);
alter table message add column error_message varchar(500);
