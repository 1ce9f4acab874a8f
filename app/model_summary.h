#pragma once

#include "model/model.h"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

// The top-k tokens at one position: id, display string, logit and softmax probability.
nlohmann::json topPredictions(const attnviz::model::Model& model, const float* logits, int k);

// Where predictions are reported: every [MASK] of a masked LM's input, else the last position
// (the next token of a causal LM).
std::vector<int> predictionPositions(const attnviz::model::Model& model,
                                     const std::vector<std::int32_t>& ids);

// Display string of a token: the tokenizer's, else the id.
std::string tokenDisplay(const attnviz::model::Model& model, std::int32_t id);
