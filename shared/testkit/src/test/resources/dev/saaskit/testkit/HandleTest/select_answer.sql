-- A statement file's comments go to the server as they are: this one's :name and quote (it's) are text.
select cast(:answer as int) /* :not_a_parameter */
