#pragma once

#include "attention/weights.h"
#include "io/tensor.h"

#include <map>
#include <string>

namespace attnviz::io {

// Attention weights from a tensor map, in either layout users bring:
//  - PyTorch nn.MultiheadAttention: in_proj_weight (3D×D; rows [0,D) = W_q, [D,2D) = W_k,
//    [2D,3D) = W_v), in_proj_bias (3D), out_proj.weight (D×D), out_proj.bias (D);
//  - separate q_proj/k_proj/v_proj .weight/.bias plus o_proj (HuggingFace, the reference post) or
//    out_proj (BART, Whisper).
// Keys may share a prefix ("encoder.layers.0.self_attn."): tensors are matched by suffix at a '.'
// boundary. Several matching prefixes are an error that lists them. Missing biases are zero.
// Missing tensors, wrong shapes and NaN / infinite values are FormatErrors naming `name` (the file)
// and the tensor.
AttentionWeights weightsFromTensors(const std::map<std::string, Tensor>& tensors,
                                    const std::string& name);
// Reads a .safetensors file (chosen by extension) and calls weightsFromTensors.
AttentionWeights readWeights(const std::string& path);

} // namespace attnviz::io
