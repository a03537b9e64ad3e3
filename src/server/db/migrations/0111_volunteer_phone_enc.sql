-- Relocation volunteers' phones encrypted at rest like household phones (FieldCipher). SQL does not
-- hold the key, so the phones already stored in clear are moved into phone_enc (and cleared) by an
-- idempotent step at every start (encryptVolunteerPhones in modules/relocation/movers.service.ts);
-- the clear column is written no more.
alter table relocation_volunteers add column phone_enc text;
