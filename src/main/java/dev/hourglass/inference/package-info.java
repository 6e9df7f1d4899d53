/**
 * Inference on trained models: encode, decode, reconstruct, sample, anomaly scores and, for a model trained on a
 * typed table, imputation, with input rows validated and normalized by the model's own normalizer, and models
 * cached after their first load. A plain model reads rows of numbers ({@code RowParser}); a typed model also
 * reads objects, level names and missing cells and answers in the rows' own form ({@code TableRows}). A
 * multimodal model also reads rows per modality ({@code ModalRows}), and {@code Nearest} searches a stored
 * dataset across modalities, its codes cached per node ({@code DatasetCodes}). {@code Projection} maps a stored
 * dataset's codes onto their first two principal components, its rows read as a transform reads them
 * ({@code model.ModelInputs}). Those two are the places inference reads a dataset, through the dataset module's
 * API. Beside the native API, two serving protocols call the same service: TF-Serving's REST predict API
 * ({@code TfServingController}) and the Open Inference Protocol, KServe v2 ({@code KServeController}), with
 * errors in their own {@code {"error": "…"}} shape ({@code ServingProtocolAdvice}). All of them take their rows
 * as {@code Rows}, read as the tokens arrive ({@code RowsModule}): a double per cell, and never past the row limit.
 */
package dev.hourglass.inference;
