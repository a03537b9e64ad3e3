-- Appendices after a statute's last article (附件一、附件二, 附表, 附录), kept line by line.
alter table legislation_drafts add column appendices jsonb not null default '[]'::jsonb;
