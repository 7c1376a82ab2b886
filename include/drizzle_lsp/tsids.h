/*
** tsids.h — the tree-sitter symbol and field ids of the TypeScript grammar
** that extraction compares against, looked up by name once per module so
** that tree walks compare integers, never type strings.
*/
#ifndef DZ_TSIDS_H
#define DZ_TSIDS_H

#include <tree_sitter/api.h>

#include "drizzle_lsp/arena.h"

/* X(member, "grammar name") for named node types. */
#define DZ_TS_SYMBOLS(X)                                                        \
  X(program, "program") X(export_statement, "export_statement")                 \
  X(lexical_declaration, "lexical_declaration")                                 \
  X(variable_declaration, "variable_declaration")                               \
  X(variable_declarator, "variable_declarator")                                 \
  X(function_declaration, "function_declaration")                               \
  X(import_statement, "import_statement") X(import_clause, "import_clause")     \
  X(named_imports, "named_imports") X(import_specifier, "import_specifier")     \
  X(namespace_import, "namespace_import") X(export_clause, "export_clause")     \
  X(export_specifier, "export_specifier") X(namespace_export, "namespace_export") \
  X(identifier, "identifier") X(property_identifier, "property_identifier")     \
  X(shorthand_property_identifier, "shorthand_property_identifier")             \
  X(shorthand_property_identifier_pattern, "shorthand_property_identifier_pattern") \
  X(object_pattern, "object_pattern") X(pair_pattern, "pair_pattern")           \
  X(string, "string") X(template_string, "template_string")                     \
  X(template_substitution, "template_substitution")                             \
  X(string_fragment, "string_fragment") X(escape_sequence, "escape_sequence")   \
  X(number, "number") X(true_, "true") X(false_, "false") X(null_, "null")      \
  X(undefined, "undefined") X(object, "object") X(pair, "pair")                 \
  X(spread_element, "spread_element") X(method_definition, "method_definition") \
  X(array, "array") X(call_expression, "call_expression")                       \
  X(member_expression, "member_expression")                                     \
  X(subscript_expression, "subscript_expression") X(new_expression, "new_expression") \
  X(arrow_function, "arrow_function") X(function_expression, "function_expression") \
  X(parenthesized_expression, "parenthesized_expression")                       \
  X(as_expression, "as_expression") X(satisfies_expression, "satisfies_expression") \
  X(non_null_expression, "non_null_expression") X(type_assertion, "type_assertion") \
  X(await_expression, "await_expression") X(binary_expression, "binary_expression") \
  X(unary_expression, "unary_expression") X(ternary_expression, "ternary_expression") \
  X(statement_block, "statement_block") X(return_statement, "return_statement") \
  X(formal_parameters, "formal_parameters") X(required_parameter, "required_parameter") \
  X(optional_parameter, "optional_parameter") X(computed_property_name, "computed_property_name") \
  X(comment, "comment") X(arguments, "arguments") X(rest_pattern, "rest_pattern") \
  X(type_arguments, "type_arguments") X(error, "ERROR") \
  X(instantiation_expression, "instantiation_expression") \
  X(enum_declaration, "enum_declaration") X(enum_body, "enum_body") X(enum_assignment, "enum_assignment") \
  X(if_statement, "if_statement") X(else_clause, "else_clause") X(empty_statement, "empty_statement")

#define DZ_TS_FIELDS(X)                                                         \
  X(name, "name") X(value, "value") X(body, "body") X(parameters, "parameters") \
  X(parameter, "parameter") X(function, "function") X(arguments, "arguments")   \
  X(object, "object") X(property, "property") X(index, "index") X(key, "key")   \
  X(source, "source") X(declaration, "declaration") X(alias, "alias")           \
  X(left, "left") X(right, "right") X(operator, "operator") X(argument, "argument") \
  X(condition, "condition") X(consequence, "consequence") X(alternative, "alternative") \
  X(pattern, "pattern") X(constructor, "constructor") \
  X(optional_chain, "optional_chain")

typedef struct dz_tsids {
#define DZ_TS_MEMBER(m, s) TSSymbol m;
  DZ_TS_SYMBOLS(DZ_TS_MEMBER)
#undef DZ_TS_MEMBER
#define DZ_TS_MEMBER(m, s) TSFieldId f_##m;
  DZ_TS_FIELDS(DZ_TS_MEMBER)
#undef DZ_TS_MEMBER
} dz_tsids;

/* Fill ids from lang. */
void dz_tsids_init(dz_tsids *ids, const TSLanguage *lang);

/* The named children of n, comments left out, walked with cursor c (reset
** to n; the caller's one cursor) into an array in a. Returns the count. */
size_t dz_ts_children(TSTreeCursor *c, const dz_tsids *ids, TSNode n, dz_arena *a, TSNode **out);

#endif /* DZ_TSIDS_H */
