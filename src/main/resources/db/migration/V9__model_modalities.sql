-- A multimodal model shows its modalities (names, columns, widths) as JSON; null for one modality.
alter table trained_model add column modalities varchar;
